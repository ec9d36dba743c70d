package io.pflogstream.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real broker the tests run against: the one scripts/test.sh (and so CI) starts with
 * scripts/kafka-local.sh and names in KAFKA_BOOTSTRAP. No mocks.
 */
public final class KafkaTestBroker {
    private KafkaTestBroker() {}

    public static String bootstrap() {
        return io.pflogstream.Requires.broker("KAFKA_BOOTSTRAP");
    }

    /** A topic name no other test or run uses. */
    public static String uniqueTopic(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void createTopics(int partitions, String... topics) throws Exception {
        createTopics(bootstrap(), Map.of(), partitions, topics);
    }

    /** The same on any broker, with client settings (SASL, SSL) added. */
    public static void createTopics(String bootstrap, Map<String, String> client, int partitions, String... topics)
            throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> list = new ArrayList<>();
            for (String t : topics) {
                list.add(new NewTopic(t, partitions, (short) 1)
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")));
            }
            admin.createTopics(list).all().get();
        }
    }

    /** Sends each value to partition {@code i % partitions}, so one host's lines interleave across partitions. */
    public static void produceRoundRobin(String topic, int partitions, List<byte[]> values) {
        produceRoundRobin(bootstrap(), Map.of(), topic, partitions, values);
    }

    public static void produceRoundRobin(
            String bootstrap, Map<String, String> client, String topic, int partitions, List<byte[]> values) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("linger.ms", "20");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, i % partitions, null, values.get(i))));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(); // a record the broker refused (too large) fails the test here, not later
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /** Everything committed in a topic, read with isolation.level=read_committed. */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return readCommitted(bootstrap(), topic);
    }

    /** The same from any broker: every record up to the last stable offset, or an error after a minute. */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        return readCommitted(bootstrap, Map.of(), topic);
    }

    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String bootstrap, Map<String, String> client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        p.put("group.id", "reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within a minute");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
