package io.pflogstream.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The streaming job's settings. Kafka client properties (SASL, SSL, ...) pass through untouched;
 * {@link #toString()} never prints them.
 */
public record StreamOptions(
        String bootstrapServers,
        String inputTopic,
        LineEnvelope envelope,
        String groupId,
        boolean bounded,
        String summaryTopic,
        String messagesTopic,
        String eventsTopic,
        String deadLetterTopic,
        String reportTopic,
        String alertsTopic,
        String reportDir,
        String transactionalIdPrefix,
        Duration checkpointInterval,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        int parallelism,
        Map<String, String> kafkaProperties)
        implements Serializable {

    public static final String DEFAULT_INPUT_TOPIC = "pflog.lines";

    public static StreamOptions defaults(String bootstrapServers) {
        return new StreamOptions(
                bootstrapServers,
                DEFAULT_INPUT_TOPIC,
                LineEnvelope.RAW,
                "pflogstream",
                false,
                "pflog.summary",
                "pflog.messages",
                "pflog.events",
                "pflog.deadletter",
                "pflog.report",
                "pflog.alerts",
                null,
                "pflogstream",
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                defaultParallelism(Runtime.getRuntime().availableProcessors()),
                Map.of());
    }

    /**
     * Half the cores, at least one: each subtask of the job is already a pipeline of busy threads
     * (source and parse, lifecycle, summaries, sinks) that keeps one to two cores at work, so one
     * per core only crowds them (2M lines on 2 cores, medians of 3 paired runs: 24.9 s at parallelism 1,
     * 33.4 s at 2; BENCHMARKS.md).
     */
    public static int defaultParallelism(int cores) {
        return Math.max(1, cores / 2);
    }

    @Override
    public String toString() {
        return "StreamOptions[bootstrapServers=" + bootstrapServers + ", inputTopic=" + inputTopic + ", bounded="
                + bounded
                + ", topics=" + summaryTopic + "," + messagesTopic + "," + eventsTopic + "," + deadLetterTopic + ","
                + reportTopic + "," + alertsTopic + ", reportDir=" + reportDir + ", kafkaProperties="
                + kafkaProperties.size()
                + " (not shown)]";
    }
}
