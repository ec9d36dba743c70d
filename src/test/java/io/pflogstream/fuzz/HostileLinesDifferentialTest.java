package io.pflogstream.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import io.pflogstream.cli.ReportArguments;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.Pflogsumm;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.golden.TiedRows;
import io.pflogstream.job.ReportRunner;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.parse.LineParser;
import io.pflogstream.report.PflogsummReport;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile lines mixed into a generated log: none may stop the report, each one it cannot read is a
 * dead letter with its reason (never the parser's last guard), no good line is lost, and the report
 * is exactly what pflogsumm prints for the readable lines. pflogsumm ignores the host; pflogstream
 * keys messages and sessions by it, so the comparison leaves out the lines whose host a mutation
 * changed (the log has one host): for those the two differ by design (README).
 */
@Tag(Requires.PFLOGSUMM)
class HostileLinesDifferentialTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    /** The generator's first host. */
    private static final String HOST = "mail";

    @ParameterizedTest(name = "seed {0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {"1|", "2|--smtpd-stats -e --verbose-msg-detail", "3|--detail 5 --zero-fill -i"})
    void theReportOfAHostileLogIsPflogsummsOfItsReadableLines(long seed, String args, @TempDir Path dir)
            throws Exception {
        Requires.pflogsumm();
        List<String> argv = args == null ? List.of() : List.of(args.split(" "));
        ReportOptions options = ReportArguments.parse(argv.toArray(String[]::new), TODAY).options;

        StringWriter generated = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(seed, 1, 2, 1400, LocalDate.of(2026, 11, 25), false, false), generated)
                .run();
        List<String> good = List.of(generated.toString().split("\n"));
        // the issue's own poison pills, then every kind of hostile line, each after the good line it
        // was made from (pflogsumm's --zero-fill resets a day's rejects whenever the day changes, so
        // lines of an earlier day in between would change its numbers, hostile or not)
        java.util.TreeMap<Integer, List<byte[]>> after = new java.util.TreeMap<>();
        after.computeIfAbsent(0, k -> new ArrayList<>())
                .add(
                        bytes(
                                good.get(0).substring(0, 15)
                                        + " mail postfix/qmgr[102]: 4ABC: from=<a@example.com>, size=99999999999999999999999, nrcpt=1 (queue active)"));
        after.computeIfAbsent(1, k -> new ArrayList<>())
                .add(bytes(good.get(1).substring(0, 15)
                        + " mail postfix/smtp[103]: 4ABC: to=<b@example.org>, relay=mx.example.org[192.0.2.2]:25, delay=1e309, "
                        + "delays=0.1/0/0/0, dsn=2.0.0, status=sent (250 ok)"));
        HostileLines mutator = new HostileLines(seed, good).baitUpTo(4000); // pflogsumm takes minutes on longer ones
        for (int i = 0; i < 1200; i++) {
            HostileLines.Kind kind = HostileLines.Kind.values()[i % HostileLines.Kind.values().length];
            if (kind != HostileLines.Kind.HUGE_LINE || i < 40) {
                byte[] line = mutator.next(kind);
                after.computeIfAbsent(mutator.baseIndex(), k -> new ArrayList<>())
                        .add(line);
            }
        }
        List<byte[]> lines = new ArrayList<>();
        List<Boolean> hostile = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            lines.add(bytes(good.get(i)));
            hostile.add(false);
            for (byte[] b : after.getOrDefault(i, List.of())) {
                lines.add(b);
                hostile.add(true);
            }
        }
        Path mixed = write(dir.resolve("mixed.log"), lines);

        ReportRunner.Result result = ReportHarness.run(List.of(mixed), options);
        Set<Long> dead = new HashSet<>();
        for (DeadLetter d : result.deadLetters()) {
            assertThat(d.reason()).as("line %d", d.seq() + 1).doesNotStartWith(LineParser.INTERNAL_ERROR);
            assertThat(d.line().length()).isLessThanOrEqualTo(DeadLetter.COPY_LIMIT + DeadLetter.CUT.length());
            if (!d.reason().startsWith("no rule")) {
                dead.add(d.seq());
                // a good line is never refused
                assertThat(hostile.get((int) d.seq()))
                        .as("line %d: %s", d.seq() + 1, d.reason())
                        .isTrue();
            }
        }
        assertThat(dead).as("the poison pills and the overlong lines at least").hasSizeGreaterThan(40);

        List<byte[]> readable = new ArrayList<>();
        LineParser parser = new LineParser(options.read());
        for (int i = 0; i < lines.size(); i++) {
            byte[] l = lines.get(i);
            boolean otherHost = parser.parse(l, 0, l.length, i) == LineParser.Outcome.EVENT
                    && !parser.line().host().equals(HOST);
            if (!dead.contains((long) i) && !otherHost) {
                readable.add(l);
            }
        }
        Path withoutDead = write(dir.resolve("readable.log"), readable);
        String expected = Pflogsumm.run(argv, List.of(withoutDead), TODAY);
        ReportRunner.Result again = ReportHarness.run(List.of(withoutDead), options);
        assertThat(again.deadLetters()).allSatisfy(d -> assertThat(d.reason()).startsWith("no rule"));
        String actual = PflogsummReport.format(again.summary(), options);
        if (!TiedRows.canonical(actual).equals(TiedRows.canonical(expected))) {
            // kept for a look: the mixed log, and both reports
            Path keep = Files.createDirectories(Path.of("target", "hostile-lines", "seed-" + seed));
            Files.copy(mixed, keep.resolve("mixed.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(withoutDead, keep.resolve("readable.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(keep.resolve("pflogsumm.txt"), expected, StandardCharsets.ISO_8859_1);
            Files.writeString(keep.resolve("pflogstream.txt"), actual, StandardCharsets.ISO_8859_1);
            Files.writeString(
                    keep.resolve("pflogsumm.canonical.txt"), TiedRows.canonical(expected), StandardCharsets.ISO_8859_1);
            Files.writeString(
                    keep.resolve("pflogstream.canonical.txt"), TiedRows.canonical(actual), StandardCharsets.ISO_8859_1);
        }
        assertThat(TiedRows.canonical(actual))
                .as("reports differ: see %s", Path.of("target", "hostile-lines"))
                .isEqualTo(TiedRows.canonical(expected));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Path write(Path file, List<byte[]> lines) throws Exception {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            for (byte[] l : lines) {
                out.write(l);
                out.write('\n');
            }
        }
        return file;
    }
}
