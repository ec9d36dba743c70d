package io.pflogstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.parse.LineParser;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report parses a line from the file's bytes, the stream job from a String: both must give the
 * same outcome, line and event for every line, whatever shape it has. Run over generated logs,
 * every third-party sample and corpus file present in ../shared, and shapes the fast path hands on
 * to the general one (RFC 3339 stamps, Solaris message IDs, bytes above 0x7F, junk).
 */
class LineParserPathsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final String[] EDGES = {
        "Nov 20 10:00:00 mail postfix/smtpd[1]: [ID 197553 mail.info] connect from a.example[1.2.3.4]",
        "Nov 20 10:00:00 mail postfix/smtpd[1]: x [ID 1 mail.info] y",
        "Nov 20 10:00:00 mail: [ID 197553 mail.info] postfix/smtpd[1]: connect from a.example[1.2.3.4]",
        "2026-11-20T10:00:00.123456+01:00 mail postfix/qmgr[2]: 4F2B3: removed",
        "2026-13-20T10:00:00Z mail postfix/qmgr[2]: 4F2B3: removed",
        "Nov  2 10:00:00 m\u00e9il postfix/smtp[3]: 4F2B3: to=<\u00e9t\u00e9@x>, relay=none, delay=1, status=sent (ok)",
        "Nov 20 10:00:00 mail postfix-script[9]: warning: not owned by postfix",
        "Nov 20 10:00:00 mail postfix/submission/smtpd[4]: connect from b[5.6.7.8]",
        "Nov 20 10:00:00 mail dovecot: imap-login: Login: user=<a>",
        "Nov 20 10:00:00 mail postfix/smtpd[1]:",
        "Xyz 20 10:00:00 mail postfix/smtpd[1]: connect from a[1.2.3.4]",
        "Nov 20 25:00:00 mail postfix/smtpd[1]: connect from a[1.2.3.4]",
        "Nov 20 10:00:00 mail  postfix/smtpd[1]: connect from a[1.2.3.4]",
        "Nov 20 10:00:00 mail",
        "",
        "garbage \u00ff\u0080",
        "Dec 31 23:59:59 mail postfix/qmgr[2]: 4F2B3: from=<a@b>, size=1, nrcpt=1 (queue active)",
        "Jan  1 00:00:01 mail postfix/qmgr[2]: 4F2B3: removed",
    };

    static Stream<Arguments> optionSets() {
        return Stream.of(
                Arguments.of("defaults", ReportOptions.builder(TODAY).build()),
                Arguments.of(
                        "--year, years followed per host",
                        ReportOptions.builder(TODAY).year(2025).build()),
                Arguments.of(
                        "-d yesterday",
                        ReportOptions.builder(TODAY).dayFilter("yesterday").build()),
                Arguments.of(
                        "--syslog-name",
                        ReportOptions.builder(TODAY)
                                .syslogNames(List.of("postfix-out"))
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void bytesAndStringsParseAlike(String name, ReportOptions options) throws IOException {
        List<String> lines = new ArrayList<>(List.of(EDGES));
        StringWriter generated = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(11, 2, 2, 1500, LocalDate.of(2026, 11, 25), false, false), generated)
                .run();
        lines.addAll(generated.toString().lines().toList());
        StringWriter rfc3339 = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(12, 1, 1, 300, LocalDate.of(2026, 11, 26), true, true), rfc3339).run();
        lines.addAll(rfc3339.toString().lines().toList());
        for (String dir : new String[] {"samples", "corpus"}) {
            Path root = ReportHarness.shared().resolve(dir);
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                        text.lines().limit(100_000).forEach(lines::add);
                    }
                }
            }
        }

        LineParser fromStrings = new LineParser(options.read());
        LineParser fromBytes = new LineParser(options.read());
        int events = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            byte[] bytes = ("<" + text + ">").getBytes(StandardCharsets.ISO_8859_1); // not at offset 0, like a block
            LineParser.Outcome expected = fromStrings.parse(text, i);
            LineParser.Outcome actual = fromBytes.parse(bytes, 1, bytes.length - 1, i);
            assertThat(actual).as("line %d <%s>", i, text).isEqualTo(expected);
            switch (expected) {
                case EVENT -> {
                    events++;
                    assertThat(fromBytes.line()).as("line %d <%s>", i, text).isEqualTo(fromStrings.line());
                    assertThat(fromBytes.event()).as("line %d <%s>", i, text).isEqualTo(fromStrings.event());
                }
                case UNRECOGNIZED -> {
                    assertThat(fromBytes.line()).as("line %d", i).isEqualTo(fromStrings.line());
                    assertThat(fromBytes.reason()).as("line %d", i).isEqualTo(fromStrings.reason());
                }
                case MALFORMED ->
                    assertThat(fromBytes.reason()).as("line %d", i).isEqualTo(fromStrings.reason());
                default -> {}
            }
        }
        assertThat(events).as("lines that became events").isGreaterThan(1_000);
    }
}
