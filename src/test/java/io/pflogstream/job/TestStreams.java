package io.pflogstream.job;

import io.pflogstream.config.LineEnvelope;
import io.pflogstream.config.StreamOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The stream job's options as the tests run it: bounded, its own topics, short checkpoints and lateness. */
final class TestStreams {
    private TestStreams() {}

    /**
     * Topics in-, sum-, msg-, ev-, dl-, rep- and group and transactional prefixes g-, tx- followed
     * by {@code suffix}; checkpoints every second, 30 s out of order, an hour of lateness.
     *
     * @param reports where day reports are written, or null for none
     */
    static StreamOptions bounded(String bootstrap, String suffix, Path reports, int parallelism) {
        return new StreamOptions(
                bootstrap,
                "in-" + suffix,
                LineEnvelope.RAW,
                "g-" + suffix,
                true,
                "sum-" + suffix,
                "msg-" + suffix,
                "ev-" + suffix,
                "dl-" + suffix,
                "rep-" + suffix,
                "al-" + suffix,
                reports == null ? null : reports.toString(),
                "tx-" + suffix,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                parallelism,
                Map.of());
    }
}
