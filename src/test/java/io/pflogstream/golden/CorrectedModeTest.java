package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corrected mode (--exact) and --year on small logs where pflogsumm is demonstrably wrong; the
 * expected figures are worked out by hand in each test.
 */
class CorrectedModeTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static String hourRow(String report, String hour) {
        return report.lines()
                .filter(l -> l.startsWith("    " + hour))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void averagesDivideByTheDaysCoveredNotByDayChanges(@TempDir Path dir) throws Exception {
        // two days, but a line stepping back over midnight makes pflogsumm count four day changes
        Path log = TestLogs.write(
                dir,
                TestLogs.reject("Nov 26 23:59:58", "x@y.example"),
                TestLogs.reject("Nov 27 00:00:01", "x@y.example"),
                TestLogs.reject("Nov 26 23:59:59", "x@y.example"),
                TestLogs.reject("Nov 27 00:00:02", "x@y.example"),
                TestLogs.reject("Nov 27 10:00:00", "x@y.example"),
                TestLogs.reject("Nov 27 10:10:00", "x@y.example"),
                TestLogs.reject("Nov 27 10:20:00", "x@y.example"));
        LocalDate today = LocalDate.of(2026, 11, 27);

        String compat = ReportHarness.report(List.of(log), List.of(), today);
        // pflogsumm: $dayCnt = 4; hour 10 has 3 rejects: int(3/4 + 0.5) = 1; hour 23: int(2/4 + 0.5) = 1
        assertThat(hourRow(compat, "1000-1100")).endsWith("          1 ");
        assertThat(hourRow(compat, "2300-2400")).endsWith("          1 ");
        if (Pflogsumm.available()) {
            assertThat(TiedRows.canonical(compat))
                    .isEqualTo(TiedRows.canonical(Pflogsumm.run(List.of(), List.of(log), today)));
        }

        String exact = ReportHarness.report(List.of(log), List.of("--exact"), today);
        // two days: 3 / 2 = 1.5 at 10:00, 2 / 2 = 1.0 at 23:00 and at 00:00
        assertThat(hourRow(exact, "1000-1100")).endsWith("        1.5 ");
        assertThat(hourRow(exact, "2300-2400")).endsWith("        1.0 ");
        assertThat(hourRow(exact, "0000-0100")).endsWith("        1.0 ");
        assertThat(exact).contains("Per-Hour Traffic Daily Average");
    }

    @Test
    void anOldDecemberToJanuaryLogKeepsItsYearsWithAnExplicitYear(@TempDir Path dir) throws Exception {
        // a log of New Year 2025/2026 read on 5 January 2027
        Path log = TestLogs.write(
                dir,
                TestLogs.reject("Dec 31 23:59:00", "x@y.example"),
                TestLogs.reject("Dec 31 23:59:30", "x@y.example"),
                TestLogs.reject("Jan  1 00:00:10", "x@y.example"));
        LocalDate today = LocalDate.of(2027, 1, 5);

        String guessed = ReportHarness.report(List.of(log), List.of(), today);
        // pflogsumm's guess: December is after January, so last year (2026); January is this year (2027)
        assertThat(guessed).contains("    Dec 31 2026").contains("    Jan  1 2027");

        String dated = ReportHarness.report(List.of(log), List.of("--year", "2025"), today);
        assertThat(dated).contains("    Dec 31 2025").contains("    Jan  1 2026");
    }

    @Test
    void theCorrectedModeHonoursTheYearOfRfc3339Stamps(@TempDir Path dir) throws Exception {
        Path log = TestLogs.write(
                dir,
                TestLogs.reject("2019-03-04T10:00:00.000000+00:00", "x@y.example"),
                TestLogs.reject("2019-03-05T10:00:00.000000+00:00", "x@y.example"));
        LocalDate today = LocalDate.of(2026, 11, 27);
        assertThat(ReportHarness.report(List.of(log), List.of(), today)).contains("    Mar  4 2026");
        assertThat(ReportHarness.report(List.of(log), List.of("--exact"), today))
                .contains("    Mar  4 2019");
    }

    @Test
    void aContentFilterHopIsCountedOnceInTheCorrectedMode(@TempDir Path dir) throws Exception {
        Path log = TestLogs.write(
                dir,
                "Nov 27 10:00:00 mail postfix/smtpd[10]: AAA111: client=ext.example.org[198.51.100.5]",
                "Nov 27 10:00:00 mail postfix/cleanup[11]: AAA111: message-id=<m1@example.org>",
                "Nov 27 10:00:00 mail postfix/qmgr[12]: AAA111: from=<sender@example.org>, size=1000, nrcpt=1 (queue active)",
                // amavis re-injects the filtered copy through the loopback smtpd
                "Nov 27 10:00:01 mail postfix/smtpd[20]: BBB222: client=localhost[127.0.0.1]",
                "Nov 27 10:00:01 mail postfix/cleanup[11]: BBB222: message-id=<m1@example.org>",
                "Nov 27 10:00:01 mail postfix/qmgr[12]: BBB222: from=<sender@example.org>, size=1400, nrcpt=1 (queue active)",
                "Nov 27 10:00:01 mail postfix/smtp[13]: AAA111: to=<bob@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, "
                        + "delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as BBB222)",
                "Nov 27 10:00:01 mail postfix/qmgr[12]: AAA111: removed",
                "Nov 27 10:00:02 mail postfix/local[14]: BBB222: to=<bob@example.com>, relay=local, delay=1, delays=0/0/0/1, "
                        + "dsn=2.0.0, status=sent (delivered to mailbox)",
                "Nov 27 10:00:02 mail postfix/qmgr[12]: BBB222: removed",
                // a local application that really submits through localhost: not a re-injection
                "Nov 27 10:05:00 mail postfix/smtpd[30]: CCC333: client=localhost[127.0.0.1]",
                "Nov 27 10:05:00 mail postfix/qmgr[12]: CCC333: from=<app@example.com>, size=500, nrcpt=1 (queue active)",
                "Nov 27 10:05:01 mail postfix/local[14]: CCC333: to=<carol@example.com>, relay=local, delay=1, "
                        + "delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)");
        LocalDate today = LocalDate.of(2026, 11, 27);

        // pflogsumm counts the hop twice: 3 received, 3 delivered, 1000 + 1400 + 500 bytes received
        String compat = ReportHarness.report(List.of(log), List.of(), today);
        assertThat(compat)
                .contains("      3   received\n      3   delivered\n")
                .contains("   2900   bytes received\n")
                .contains("      2   sender@example.org\n");
        if (Pflogsumm.available()) {
            assertThat(TiedRows.canonical(compat))
                    .isEqualTo(TiedRows.canonical(Pflogsumm.run(List.of(), List.of(log), today)));
        }
        // once: the original arrival (1000 bytes) and the application's message; bob's final delivery only
        String exact = ReportHarness.report(List.of(log), List.of("--exact"), today);
        assertThat(exact)
                .contains("      2   received\n      2   delivered\n")
                .contains("   1500   bytes received\n")
                .contains("      1   sender@example.org\n")
                .contains("      1   bob@example.com\n");
    }
}
