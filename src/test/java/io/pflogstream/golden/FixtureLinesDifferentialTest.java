package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Hundreds of odd line shapes (postfix-logwatch's test strings, the grok-pattern cases) made into a
 * log each and summarised by pflogsumm and by pflogstream: every reject variant, warning and
 * delivery form must land in the same row.
 */
@Tag(Requires.PFLOGSUMM)
@Tag(Requires.SHARED_DATA)
class FixtureLinesDifferentialTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @TempDir
    static Path dir;

    static Stream<Arguments> fixtures() throws Exception {
        Path samples = ReportHarness.shared().resolve("samples");
        List<Arguments> cases = new ArrayList<>();
        Path td = samples.resolve("postfix-logwatch/td-lines.txt");
        Path grok = samples.resolve("postfix-grok-patterns/test");
        List<List<String>> optionSets = List.of(
                List.of("--smtpd-stats", "-e"),
                List.of("--verbose-msg-detail", "--rej-add-from", "-i", "--verp-mung=2"));
        for (List<String> options : optionSets) {
            if (Files.exists(td)) cases.add(Arguments.of("logwatch", FixtureLogs.logwatch(td, dir), options));
            if (Files.isDirectory(grok)) cases.add(Arguments.of("grok", FixtureLogs.grok(grok, dir), options));
        }
        if (cases.isEmpty()) {
            cases.add(Arguments.of("(no ../shared/samples)", null, List.of()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("fixtures")
    void reportMatchesPflogsumm(String name, Path log, List<String> options) throws Exception {
        Requires.sharedData(log != null, "../shared/samples is not present");
        Requires.pflogsumm();
        assertThat(Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1))
                .hasSizeGreaterThan(150);
        String expected = ReportHarness.assertSameAsPflogsumm(List.of(log), options, TODAY);
        assertThat(expected).contains("\nWarnings\n--------\n");
    }
}
