package io.pflogstream.io;

import io.pflogstream.config.StreamOptions;
import io.pflogstream.parse.DeadLetter;
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
        // a host's day summary can hold tens of thousands of recipients: megabytes of JSON.
        // The producer checks a record's size before compression, the broker (message.max.bytes,
        // 1 MB by default) the compressed batch: JSON shrinks about tenfold with lz4 (RecordLimit)
        producer.putIfAbsent("max.request.size", String.valueOf(RecordLimit.PRODUCER_DEFAULT));
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
                .setRecordSerializer(
                        new EncodedRecords<>(topic, encoder, options.deadLetterTopic(), RecordLimit.of(options)))
                .build();
        stream.sinkTo(sink).name(name).uid(name);
    }

    /** A function Flink can ship to the task managers. */
    public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

    /**
     * Element → Kafka record, stamped with the element's event time (the log's own time), or now
     * if that is later. A value
     * over the size limit goes to the dead-letter topic instead, in the same transaction, as a dead
     * letter that says which record, how large, and what limit.
     */
    static final class EncodedRecords<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final Encoder<T> encoder;
        private final String deadLetterTopic;
        private final RecordLimit limit;

        EncodedRecords(String topic, Encoder<T> encoder, String deadLetterTopic, RecordLimit limit) {
            this.topic = topic;
            this.encoder = encoder;
            this.deadLetterTopic = deadLetterTopic;
            this.limit = limit;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            String key = encoder.key(element);
            byte[] value = encoder.value(element);
            // never ahead of now: a broker refuses a record stamped over an hour into the future
            // (log.message.timestamp.after.max.ms), and one line with a lying clock, or an incident
            // a backfill resolves a week after its last line, would fail the job at every restart
            Long time = timestamp == null || timestamp < 0 ? null : Math.min(timestamp, System.currentTimeMillis());
            if (!limit.fits(value)) {
                return new ProducerRecord<>(
                        deadLetterTopic,
                        null,
                        time,
                        key.getBytes(StandardCharsets.UTF_8),
                        SiemJson.deadLetter(tooLarge(topic, key, value, limit)));
            }
            return new ProducerRecord<>(topic, null, time, key.getBytes(StandardCharsets.UTF_8), value);
        }
    }

    /** The dead letter of a record too large to send: its topic and key, its size, and its start. */
    static DeadLetter tooLarge(String topic, String key, byte[] value, RecordLimit limit) {
        return new DeadLetter(
                topic + " " + key,
                DeadLetter.NO_POSITION,
                new String(value, 0, Math.min(value.length, DeadLetter.COPY_LIMIT), StandardCharsets.UTF_8),
                "record too large for " + topic + ": " + limit.describe(value)
                        + " (raise it with --kafka-property max.request.size=N and the topic's max.message.bytes)");
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
