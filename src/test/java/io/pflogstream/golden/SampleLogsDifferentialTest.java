package io.pflogstream.golden;

import io.pflogstream.Requires;
import java.io.IOException;
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
 * Third-party sample logs of real servers (../shared/samples, read at test time, never copied
 * into the repository) through pflogsumm and pflogstream side by side. They hold shapes the corpus
 * lacks: obfuscated production logs, a December → January rollover, IPv6, amavis re-injection,
 * queue-ID reuse, multi-instance names, malformed lines.
 */
@Tag(Requires.PFLOGSUMM)
@Tag(Requires.SHARED_DATA)
class SampleLogsDifferentialTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    // a day in March, so the December lines of the rollover logs fall into last year
    private static final LocalDate TODAY = LocalDate.of(2021, 3, 1);
    private static final List<List<String>> OPTION_SETS = List.of(
            List.of(),
            List.of("--smtpd-stats", "-e", "--verbose-msg-detail", "--zero-fill", "--iso-date-time"),
            List.of("-i", "-m", "--verp-mung=2", "--rej-add-from", "--problems-first", "-u", "3", "-h", "3"));

    @TempDir
    static Path unpacked;

    static Stream<Arguments> samples() throws IOException, InterruptedException {
        Path samples = ReportHarness.shared().resolve("samples");
        if (!Files.isDirectory(samples)) {
            return Stream.of(Arguments.of("(no ../shared/samples)", null, List.of()));
        }
        List<Path> logs = new ArrayList<>();
        for (String f : List.of(
                "digineo-postfix_exporter/mail.log",
                "sergeymakinen-postfix_exporter/mail.log",
                "mailgraph/postfix-log.txt",
                "postfix-ecs-pipeline/mail.log")) {
            if (Files.exists(samples.resolve(f))) logs.add(samples.resolve(f));
        }
        Path individual = samples.resolve("lightmeter-controlcenter/individual_files");
        if (Files.isDirectory(individual)) {
            try (Stream<Path> files = Files.list(individual)) {
                files.filter(p -> p.toString().endsWith(".log")).sorted().forEach(logs::add);
            }
        }
        Path archive = samples.resolve("lightmeter-controlcenter/complete.tar.gz");
        if (Files.exists(archive)) {
            Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", unpacked.toString())
                    .inheritIO()
                    .start();
            if (tar.waitFor() == 0) {
                for (String f : List.of("mail.log", "mail.log.1", "mail.warn", "mail.warn.1", "mail.err")) {
                    Path p = unpacked.resolve("logs_sample").resolve(f);
                    if (Files.exists(p)) logs.add(p);
                }
            }
        }
        List<Arguments> cases = new ArrayList<>();
        for (Path log : logs) {
            for (List<String> options : OPTION_SETS) {
                cases.add(Arguments.of(
                        samples.relativize(log.startsWith(samples) ? log : samples.resolve(log.getFileName()))
                                .toString(),
                        log,
                        options));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("samples")
    void reportMatchesPflogsumm(String name, Path log, List<String> options) throws Exception {
        Requires.sharedData(log != null, "../shared/samples is not present");
        Requires.pflogsumm();
        ReportHarness.assertSameAsPflogsumm(List.of(log), options, TODAY);
    }
}
