package io.pflogstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return Main.run(
                args,
                new PrintStream(out, true),
                new PrintStream(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownFlagIsOneLineOnStderrAndExitOne() {
        assertThat(run("", "report", "--no-such-flag")).isEqualTo(1);
        assertThat(stderr()).isEqualTo("pflogstream: unknown option: --no-such-flag\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void aMissingFileIsOneLineOnStderrAndExitOne() {
        assertThat(run("", "report", "/no/such/maillog")).isEqualTo(1);
        assertThat(stderr()).isEqualTo("pflogstream: cannot read /no/such/maillog: no such file\n");
    }

    @Test
    void aFileThatBreaksOffIsOneLineNamingItAndExitOne(@TempDir Path tmp) throws Exception {
        // a gzip cut in the middle: the report must not print as if the log had ended there
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            log.append(String.format(
                    "Nov 20 00:%02d:%02d mail postfix/qmgr[1]: Q%07d: removed%n", i / 60 % 60, i % 60, i));
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(log.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] whole = gz.toByteArray();
        Path cut = tmp.resolve("maillog.1.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(run("", "report", "--today", "2026-11-27", cut.toString())).isEqualTo(1);
        assertThat(stderr())
                .isEqualTo(
                        "pflogstream: error reading " + cut + " (EOFException: Unexpected end of ZLIB input stream)\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void aBadNumberOrDayIsRefused() {
        assertThat(run("", "report", "-u", "ten")).isEqualTo(1);
        assertThat(stderr()).contains("takes a whole number").doesNotContain("\n\n");
        err.reset();
        assertThat(run("", "report", "-d", "tomorrow")).isEqualTo(1);
        assertThat(stderr()).contains("-d takes today, yesterday, YYYY-MM-DD").contains("not 'tomorrow'");
    }

    @Test
    void helpAndVersionGoToStdout() {
        assertThat(run("", "report", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: pflogstream report");
        out.reset();
        assertThat(run("", "report", "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pflogsumm 1.1.5");
    }

    @Test
    void standardInputIsReadWhenNoFileIsGiven(@TempDir Path tmp) throws Exception {
        String log = "Nov 27 21:17:14 mail postfix/smtpd[1]: ABC: client=a.example.com[1.2.3.4]\n"
                + "Nov 27 21:17:14 mail postfix/qmgr[2]: ABC: from=<x@example.com>, size=1234, nrcpt=1 (queue active)\n"
                + "Nov 27 21:17:15 mail postfix/smtp[3]: ABC: to=<y@example.org>, relay=mx.example.org[5.6.7.8]:25, "
                + "delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 ok)\n"
                + "not a syslog line at all\n";
        assertThat(run(log, "report", "--today", "2026-11-27")).isZero();
        String report = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(report).contains("      1   received\n      1   delivered\n");
        assertThat(report).contains("   1234   bytes received\n");
        assertThat(stderr())
                .contains(
                        "1 line(s) skipped, no syslog timestamp (traditional or RFC 3339) (the first is line 4 of the input");
    }

    @Test
    void deprecatedOptionsWarnAsPflogsummDoesInItsOrder() throws Exception {
        assertThat(run("", "report", "--no-reject-detail", "--no_bounce_detail", "--today", "2026-11-27"))
                .isZero();
        assertThat(stderr())
                .startsWith("pflogsumm: \"no_bounce_detail\" is deprecated, use \"bounce-detail=0\" instead\n"
                        + "pflogsumm: \"no_reject_detail\" is deprecated, use \"reject-detail=0\" instead\n");
        String report = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(report)
                .contains("Grand Totals")
                .doesNotContain("message bounce detail")
                .doesNotContain("message reject detail");
    }

    @Test
    void jsonFormatIsTheSummaryRecordOfTheWholeRunAndValidates() throws Exception {
        String log = "Nov 27 21:17:14 mail postfix/smtpd[1]: ABC: client=a.example.com[1.2.3.4]\n"
                + "Nov 27 21:17:14 mail postfix/qmgr[2]: ABC: from=<x@example.com>, size=1234, nrcpt=1 (queue active)\n";
        assertThat(run(log, "report", "--format", "json", "--today", "2026-11-27"))
                .isZero();
        com.fasterxml.jackson.databind.JsonNode json =
                io.pflogstream.io.Json.mapper().readTree(out.toByteArray());
        assertThat(json.get("granularity").asText()).isEqualTo("run");
        assertThat(json.get("totals").get("bytesReceived").asLong()).isEqualTo(1234);
        assertThat(io.pflogstream.io.Schemas.summary().validate(json)).isEmpty();
    }

    @Test
    void unprocessedLinesGoToTheUnprocdFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("unprocessed.log");
        String log = "garbage before\n"
                + "Nov 27 21:17:14 mail postfix/smtpd[1]: a postfix line no rule knows\n"
                + "Nov 27 21:17:15 mail postfix/qmgr[2]: ABC: removed\n";
        assertThat(run(log, "report", "--today", "2026-11-27", "--unprocd-file", file.toString()))
                .isZero();
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "garbage before", "Nov 27 21:17:14 mail postfix/smtpd[1]: a postfix line no rule knows");
    }
}
