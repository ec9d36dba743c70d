package io.pflogstream.io;

import io.pflogstream.config.StreamOptions;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Function;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Exactly-once Kafka sinks: transactional producers committed on checkpoints; a read_committed
 * consumer sees each record once. Each topic has its own transactional-id prefix,
 * "&lt;prefix&gt;-&lt;topic&gt;", which must be unique per job on a cluster.
 */
public final class KafkaSinks {
    private KafkaSinks() {}

    /** How to turn an element into a record's key and value. */
    public interface Encoder<T> extends Serializable {
        String key(T value);

        byte[] value(T value);
    }

    public static <T> void attach(
            DataStream<T> stream, String topic, Encoder<T> encoder, StreamOptions options, String name) {
        Properties producer = new Properties();
        producer.putAll(options.kafkaProperties());
        // below the broker's transaction.max.timeout.ms; long enough to span a checkpoint interval
        producer.putIfAbsent("transaction.timeout.ms", "600000");
        // a fleet's day summary holds every sender and recipient of the day: megabytes of JSON.
        // The producer checks a record's size before compression, the broker (message.max.bytes,
        // 1 MB by default) the compressed batch: JSON shrinks about tenfold with lz4.
        producer.putIfAbsent("max.request.size", String.valueOf(32 * 1024 * 1024));
        producer.putIfAbsent("compression.type", "lz4");
        // a transaction's records are visible only when the checkpoint commits it (which flushes
        // the producer), so waiting to fill big batches delays nothing a reader sees; small ones
        // (16 KB, 5 ms by default: about 30 lifecycle records) cost a request each on both sides
        producer.putIfAbsent("linger.ms", "200");
        producer.putIfAbsent("batch.size", String.valueOf(256 * 1024));
        KafkaSink<T> sink = KafkaSink.<T>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + "-" + topic)
                .setRecordSerializer(new EncodedRecords<>(topic, encoder))
                .build();
        stream.sinkTo(sink).name(name).uid(name);
    }

    /** A function Flink can ship to the task managers. */
    public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

    /** Element → Kafka record, stamped with the element's event time (the log's own time). */
    static final class EncodedRecords<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final Encoder<T> encoder;

        EncodedRecords(String topic, Encoder<T> encoder) {
            this.topic = topic;
            this.encoder = encoder;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    topic,
                    null,
                    timestamp == null || timestamp < 0 ? null : timestamp,
                    encoder.key(element).getBytes(StandardCharsets.UTF_8),
                    encoder.value(element));
        }
    }

    public static <T> Encoder<T> encoder(SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value) {
        return new Encoder<>() {
            @Override
            public String key(T v) {
                return key.apply(v);
            }

            @Override
            public byte[] value(T v) {
                return value.apply(v);
            }
        };
    }
}
