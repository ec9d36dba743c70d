package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import io.pflogstream.generate.LogGenerator;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
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
 * Every pflogsumm 1.1.5 option, one at a time (and a few together), against pflogsumm itself on a
 * two-day log, with the clock pinned for {@code -d today|yesterday}.
 */
@Tag(Requires.PFLOGSUMM)
class OptionMatrixDifferentialTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @TempDir
    static Path dir;

    static Stream<Arguments> options() throws Exception {
        Path log = dir.resolve("two-days.log");
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            new LogGenerator(new LogGenerator.Spec(31, 2, 2, 1500, TODAY.minusDays(1), false, false), w).run();
        }
        List<List<String>> sets = List.of(
                List.of("-d", "today"),
                List.of("-d", "yesterday"),
                List.of("-i"),
                List.of("--ignore-case"),
                List.of("-m"),
                List.of("--uucp_mung"),
                List.of("--verp-mung"),
                List.of("--verp-mung=2"),
                List.of("--rej-add-from"),
                List.of("--detail", "3"),
                List.of("--bounce-detail", "2"),
                List.of("--deferral-detail", "0"),
                List.of("--reject-detail", "1"),
                List.of("--smtp-detail", "0"),
                List.of("--smtpd-warning-detail", "2"),
                List.of("-q"),
                List.of("--no-no-msg-size"),
                List.of("-h", "0"),
                List.of("-u", "0"),
                List.of("-h", "3", "-u", "2"),
                List.of("--syslog-name=postfix"),
                List.of("--no_bounce_detail", "--no-deferral-detail"),
                List.of("--no_reject_detail", "--no-smtpd-warnings"),
                List.of("-e", "-q", "--problems-first"),
                List.of("--smtpd-stats", "--iso-date-time", "--zero-fill", "--detail", "5", "-d", "yesterday"));
        List<Arguments> cases = new ArrayList<>();
        sets.forEach(o -> cases.add(Arguments.of(o, log)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void eachOptionMatchesPflogsumm(List<String> options, Path log) throws Exception {
        Requires.pflogsumm();
        String expected = ReportHarness.assertSameAsPflogsumm(List.of(log), options, TODAY);
        assertThat(expected).contains("Grand Totals");
    }
}
