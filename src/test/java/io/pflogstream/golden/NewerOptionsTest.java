package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.cli.ReportArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Options of later pflogsumm releases, on small logs with the expected figures worked out by hand. */
class NewerOptionsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);

    private static String report(Path log, String... args) throws Exception {
        return ReportHarness.report(List.of(log), List.of(args), FRIDAY);
    }

    @Test
    void dateRangesWeeksAndMonths(@TempDir Path dir) throws Exception {
        Path log = TestLogs.write(
                dir,
                TestLogs.reject("Nov 20 10:00:00", "x@y.example"),
                TestLogs.reject("Nov 21 10:00:00", "x@y.example"),
                TestLogs.reject("Nov 22 10:00:00", "x@y.example"),
                TestLogs.reject("Nov 23 10:00:00", "x@y.example"));
        assertThat(report(log, "-d", "2026-11-21"))
                .startsWith("Postfix log summaries for 2026-11-21\n")
                .contains("      1   rejected (100%)");
        assertThat(report(log, "-d", "2026-11-20:2026-11-22")).contains("      3   rejected (100%)");
        // Friday 27 November: the week began on Sunday the 22nd, or with --dow0mon on Monday the 23rd
        assertThat(report(log, "-d", "this-week")).contains("      2   rejected (100%)");
        assertThat(report(log, "-d", "this-week", "--dow0mon")).contains("      1   rejected (100%)");
        assertThat(report(log, "-d", "last-week")).contains("      2   rejected (100%)"); // Sun 15 .. Sat 21
        assertThat(report(log, "-d", "this-month")).contains("      4   rejected (100%)");
        assertThat(report(log, "-d", "last-month")).contains("      0   rejected (0%)");
    }

    @Test
    void addressesSrsOrigToAndRejectRecipients(@TempDir Path dir) throws Exception {
        Path log = TestLogs.write(
                dir,
                "Nov 27 10:00:00 mail postfix/smtpd[1]: A1: client=fwd.example.net[192.0.2.1]",
                "Nov 27 10:00:01 mail postfix/qmgr[2]: A1: from=<SRS0=HhJk=TT=example.org=alice@fwd.example.net>, size=900, nrcpt=1 (queue active)",
                "Nov 27 10:00:02 mail postfix/local[3]: A1: to=<bob@example.com>, orig_to=<postmaster@example.com>, "
                        + "relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)",
                TestLogs.reject("Nov 27 10:00:03", "x@y.example"));
        String plain = report(log);
        assertThat(plain)
                .contains("SRS0=HhJk=TT=example.org=alice@fwd.example.net")
                .contains("      1   bob@example.com");
        String munged = report(log, "--srs-mung", "--use-orig-to", "--rej-add-to");
        assertThat(munged)
                .contains("      1   alice@example.org")
                .contains("      1   postmaster@example.com")
                .contains("           1   192.0.2.7  (x@y.example)");
    }

    @Test
    void columnWidthPostscreenAndConfigFiles(@TempDir Path dir) throws Exception {
        Path log = TestLogs.write(
                dir,
                "Nov 27 10:00:00 mail postfix/postscreen[5]: PASS NEW [198.51.100.1]:4000",
                "Nov 27 10:00:01 mail postfix/postscreen[5]: PASS NEW [198.51.100.2]:4000",
                "Nov 27 10:00:02 mail postfix/postscreen[5]: DENYLISTED [198.51.100.3]:4000",
                TestLogs.reject("Nov 27 10:00:03", "a-very-long-recipient-address-indeed@a-long-domain.example"));
        assertThat(report(log, "--colwidth", "40").lines())
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));

        assertThat(report(log, "--pscrn-stats", "--pscrn-detail", "0"))
                .contains("\nPostscreen\n----------\n      2   PASS NEW\n      1   DENYLISTED\n");
        assertThat(report(log, "--pscrn-stats", "--pscrn-detail", "1"))
                .contains("  PASS NEW (top 1) (total: 2)\n         1   198.51.100.1\n");

        Path config = dir.resolve("pflogsumm.conf");
        Files.writeString(config, "# daily report\nsmtpd_stats = true\nu = 1\npscrn-stats\n");
        ReportArguments fromFile =
                ReportArguments.parse(new String[] {"--config", config.toString(), "-u", "3"}, FRIDAY);
        assertThat(fromFile.options.print().smtpdStats()).isTrue();
        assertThat(fromFile.options.print().postscreenStats()).isTrue();
        assertThat(fromFile.options.print().userLimit()).isEqualTo(3); // the command line wins
        ReportArguments dumped =
                ReportArguments.parse(new String[] {"--config", config.toString(), "--dump-config"}, FRIDAY);
        assertThat(dumped.dumpedConfig)
                .contains("smtpd-stats = true")
                .contains("u = 1")
                .contains("pscrn-stats = true");
        Path again = dir.resolve("dumped.conf");
        Files.writeString(again, dumped.dumpedConfig);
        assertThat(ReportArguments.parse(new String[] {"--config", again.toString()}, FRIDAY).options)
                .isEqualTo(ReportArguments.parse(new String[] {"--config", config.toString()}, FRIDAY).options);
    }
}
