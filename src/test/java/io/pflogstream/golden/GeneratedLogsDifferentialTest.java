package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import io.pflogstream.generate.LogGenerator;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test: logs generated from a seed (many messages, hosts, outcomes, rejects,
 * deferrals, several days) run through pflogsumm and pflogstream, which must agree. Another seed
 * can be tried with -Dpflogstream.seed=N.
 */
@Tag(Requires.PFLOGSUMM)
class GeneratedLogsDifferentialTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    @TempDir
    static Path dir;

    static Stream<Arguments> logs() {
        long seed = Long.getLong("pflogstream.seed", 20261127L);
        return Stream.of(
                Arguments.of(
                        new LogGenerator.Spec(seed, 3, 4, 2500, LocalDate.of(2026, 11, 20), false, false),
                        LocalDate.of(2026, 11, 27),
                        List.of("--smtpd-stats", "-e", "--zero-fill")),
                Arguments.of(
                        new LogGenerator.Spec(seed + 1, 2, 3, 2000, LocalDate.of(2026, 12, 30), true, true),
                        LocalDate.of(2027, 1, 2),
                        List.of("--iso-date-time", "--problems-first", "-u", "7", "-h", "4")),
                Arguments.of(
                        new LogGenerator.Spec(seed + 2, 1, 2, 4000, LocalDate.of(2026, 11, 25), false, false),
                        LocalDate.of(2026, 11, 27),
                        List.of("--verbose-msg-detail", "-i", "--verp-mung", "--detail", "6")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("logs")
    void pflogstreamAgreesWithPflogsumm(LogGenerator.Spec spec, LocalDate today, List<String> options)
            throws Exception {
        Requires.pflogsumm();
        Path log = dir.resolve("generated-" + spec.seed() + ".log");
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            new LogGenerator(spec, w).run();
        }
        assertThat(Files.size(log)).isGreaterThan(1_000_000L);

        ReportHarness.assertSameAsPflogsumm(List.of(log), options, today);
    }
}
