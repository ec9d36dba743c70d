package io.pflogstream.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanners must find exactly what the patterns they replaced found. Each is run
 * against its pattern on random strings made of the pattern's own pieces (where the corner cases
 * are: repeated markers, missing closers, empty groups, digits that run on).
 */
class HandScannerEquivalenceTest {
    private static final int F = Pattern.UNIX_LINES;
    private static final int CASES = 30_000;

    private static String[] random(SplittableRandom r, String[] pieces) {
        String[] out = new String[CASES];
        for (int i = 0; i < CASES; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(1, 12);
            for (int k = 0; k < n; k++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            out[i] = b.toString();
        }
        return out;
    }

    /** Compares on every input; the inputs must make the pattern both match and fail often. */
    private static void same(
            String[] inputs, Pattern p, Function<Matcher, String> expected, Function<String, String> actual) {
        int matched = 0;
        for (String s : inputs) {
            Matcher m = p.matcher(s);
            String want = m.find() ? expected.apply(m) : null;
            matched += want != null ? 1 : 0;
            assertThat(actual.apply(s)).as("input <%s> against %s", s, p).isEqualTo(want);
        }
        assertThat(matched).as("inputs matching %s", p).isBetween(100, inputs.length - 100);
    }

    @Test
    void queueEntryAndRecipientCount() {
        String[] in = random(
                new SplittableRandom(1),
                new String[] {"from=<", ">", ", size=", "123", "0", "a@b", ", nrcpt=", " ", ",", "x", ">, size="});
        same(in, Pattern.compile("from=<([^>]*)>, size=(\\d+)", F), m -> m.group(1) + "|" + m.group(2), s -> {
            String[] e = LineScan.queueEntry(s);
            return e == null ? null : e[0] + "|" + e[1];
        });
        same(in, Pattern.compile(", nrcpt=(\\d+)", F), m -> m.group(1), s -> LineScan.digitsAfter(s, ", nrcpt="));
    }

    @Test
    void messageIdExpiredAndConnect() {
        String[] in = random(new SplittableRandom(2), new String[] {
            ": message-id=",
            "<a@b>",
            ": from=<",
            ">",
            ", status=expired",
            ", status=sent",
            ": connect from ",
            "host[1.2.3.4]",
            " ",
            ":",
            "x"
        });
        same(
                in,
                Pattern.compile(": message-id=(.*)$", F),
                m -> m.group(1),
                s -> LineScan.restAfter(s, ": message-id="));
        same(in, Pattern.compile(": from=<([^>]*)>, status=expired", F), m -> m.group(1), LineScan::expiredSender);
        same(
                in,
                Pattern.compile(": connect from (.+)$", F),
                m -> m.group(1),
                s -> LineScan.nonEmptyRestAfter(s, ": connect from "));
    }

    @Test
    void lastSaidIsLastIndexOf() {
        String[] in =
                random(new SplittableRandom(6), new String[] {" said: ", " said:", "said: ", ":", " ", "s", "x", ": "});
        int found = 0;
        for (String s : in) {
            assertThat(PflogsummText.lastSaid(s)).as("<%s>", s).isEqualTo(s.lastIndexOf(" said: "));
            found += s.contains(" said: ") ? 1 : 0;
        }
        assertThat(found).isBetween(100, CASES - 100);
    }

    @Test
    void simpleDecimalsAreParseDoubleExactly() {
        SplittableRandom r = new SplittableRandom(7);
        int simple = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(1, 19);
            for (int k = 0; k < n; k++) {
                int c = r.nextInt(14);
                b.append(c < 10 ? (char) ('0' + c) : c < 12 ? '.' : c == 12 ? '-' : 'e');
            }
            String s = b.toString();
            double fast = PostfixEventParser.simpleDecimal(s, 0, s.length());
            if (!Double.isNaN(fast)) {
                simple++;
                assertThat(Double.doubleToRawLongBits(fast))
                        .as("<%s>", s)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
            }
        }
        assertThat(simple).isGreaterThan(1000);
        assertThat(PostfixEventParser.simpleDecimal("0.1", 0, 3)).isEqualTo(0.1);
        assertThat(PostfixEventParser.simpleDecimal("1234567890.123456", 0, 17)).isNaN(); // 15 digits at most
    }

    @Test
    void deferralAndBounceReasons() {
        String[] in = random(new SplittableRandom(5), new String[] {
            ", status=deferred (",
            ", status=bounced (",
            ")",
            "(",
            "host said: 550",
            " ",
            "x",
            "\n",
            "))",
            ", status=sent ("
        });
        same(
                in,
                Pattern.compile(", status=deferred \\(([^)]+)", F),
                m -> m.group(1),
                s -> LineScan.untilCloseParen(s, ", status=deferred ("));
        same(
                in,
                Pattern.compile(", status=bounced \\((.+)\\)", F),
                m -> m.group(1),
                s -> LineScan.untilLastCloseParen(s, ", status=bounced ("));
    }

    @Test
    void smtpdClientSaslAndPids() {
        String[] in = random(new SplittableRandom(3), new String[] {
            "[",
            "]",
            "12",
            ": ",
            "A1B2",
            "_x",
            ": client=",
            "[7]: ab",
            "host[1.2.3.4]",
            ",",
            " ",
            "sasl_username=",
            "bob",
            "/smtpd[",
            "]: ",
            "disconnect from ",
            "\t",
            "é",
            "/smtpd[3]: ",
            "/smtpd[9]: disconnect from "
        });
        same(in, Pattern.compile("\\[\\d+\\]: \\w+: client=(.+?)(,|$)", F), m -> m.group(1), LineScan::smtpdClient);
        String[] actions = random(new SplittableRandom(11), new String[] {
            "[",
            "]",
            "12",
            ": ",
            "A1B2",
            "[7]: ab",
            "reject: ",
            "reject_warning: ",
            "hold: ",
            "discard: ",
            "reject",
            "/smtpd[3]: NOQUEUE: ",
            " ",
            ":",
            "x"
        });
        same(
                actions,
                Pattern.compile("\\[\\d+\\]: \\w+: (reject(?:_warning)?|hold|discard): ", F),
                m -> m.group(1),
                LineScan::smtpdAction);
        same(in, Pattern.compile("sasl_username=([^,\\s]+)", F), m -> m.group(1), LineScan::saslUser);
        same(in, Pattern.compile("/smtpd\\[(\\d+)\\]: ", F), m -> m.group(1), s -> LineScan.smtpdPid(s, ""));
        same(
                in,
                Pattern.compile("/smtpd\\[(\\d+)\\]: disconnect from (.+)$", F),
                m -> m.group(1) + "|" + m.group(2),
                s -> {
                    String[] d = LineScan.smtpdDisconnect(s);
                    return d == null ? null : d[0] + "|" + d[1];
                });
    }

    @Test
    void policyActions() {
        String[] in = random(new SplittableRandom(6), new String[] {
            " reject: ",
            " reject_warning: ",
            " hold: ",
            " discard: ",
            "RCPT",
            " from ",
            "unknown[1.2.3.4]",
            ": ",
            "554 5.7.1",
            " ",
            "x:y",
            ":",
            "reject",
            "\n",
            "; from=<a@b>",
            " reject: RCPT from h[1.2.3.4]: ",
            " hold: DATA from a:b: "
        });
        same(
                in,
                Pattern.compile("^.* \\b(?:reject(?:_warning)?|hold|discard): (\\S+) from (\\S+?): (.*)$", F),
                m -> m.matches() ? m.group(1) + "|" + m.group(2) + "|" + m.group(3) : null,
                s -> {
                    String[] a = LineScan.policyAction(s);
                    return a == null ? null : a[0] + "|" + a[1] + "|" + a[2];
                });
    }

    @Test
    void domainsAndTrimming() {
        String[] in = random(new SplittableRandom(4), new String[] {
            ".", "mail", "example", "co", "uk", "com", "a", "xyz", "de", "[", "1.2.3.4", "]", "12", "1234", "10.0.0.1"
        });
        same(
                in,
                Pattern.compile("^(.*)\\.([^.]+)\\.([^.]{3}|[^.]{2,3}\\.[^.]{2})$", F),
                m -> m.group(2) + "." + m.group(3),
                PflogsummText::lastTwoLabels);
        Pattern quad = Pattern.compile("^([^\\[]*)\\[((?:\\d{1,3}\\.){3}\\d{1,3})\\]", F);
        for (String s : in) {
            // gimmeDomain's IPv4 branch: the domain part is what the old pattern captured
            Matcher m = quad.matcher(s);
            if (m.find()
                    && !m.group(1).isEmpty()
                    && !m.group(1).equals("unknown")
                    && PflogsummText.lastTwoLabels(m.group(1)) == null) {
                assertThat(PflogsummText.gimmeDomain(s)).as(s).isEqualTo(m.group(1));
            }
        }
        String[] said = random(new SplittableRandom(5), new String[] {" said: ", ":", " ", "550 ", "host", "x", "::"});
        Pattern saidPattern = Pattern.compile("^.* said: ", F);
        Pattern colon = Pattern.compile("^.*?: *", F);
        for (String s : said) {
            assertThat(PflogsummText.saidStringTrimmer(s, 8))
                    .as(s)
                    .isEqualTo(trimmedWithPatterns(s, 8, saidPattern, colon));
        }
    }

    private static String trimmedWithPatterns(String text, int max, Pattern said, Pattern colon) {
        String s = text;
        while (s.length() > max) {
            Matcher m = said.matcher(s);
            if (m.find()) {
                s = s.substring(m.end());
            } else if ((m = colon.matcher(s)).find()) {
                s = s.substring(m.end());
            } else {
                return s.substring(0, max - 3) + "...";
            }
        }
        return s;
    }

    /** replaceFirst as pflogsumm's s/// does it: the text unchanged when the pattern does not match. */
    private static void sameSubstitution(
            String[] inputs, Pattern p, String replacement, Function<String, String> actual) {
        int changed = 0;
        for (String s : inputs) {
            String want = p.matcher(s).replaceFirst(replacement);
            changed += want.equals(s) ? 0 : 1;
            assertThat(actual.apply(s)).as("input <%s> against %s", s, p).isEqualTo(want);
        }
        assertThat(changed).as("inputs changed by %s", p).isBetween(100, inputs.length - 100);
    }

    @Test
    void rejectReasons() {
        String[] in = random(new SplittableRandom(8), new String[] {
            "550 ",
            "5.1.1 ",
            "<a@b>",
            ">: ",
            ">:",
            ": ",
            "; ",
            ":",
            ";",
            ",",
            " ",
            "[",
            "]",
            "[1.2.3.4] ",
            "<",
            ">",
            "x",
            "User unknown",
            "Recipient address rejected: ",
            "Sender address rejected: ",
            "client ",
            "Client host ",
            "Sender address ",
            " blocked",
            "blocked",
            "45"
        });
        // the anchored patterns need their start: an SMTP code, an address after it, or a reason
        SplittableRandom starts = new SplittableRandom(10);
        String[] heads = {"", "550 ", "550 <", "550 <x", "Recipient address rejected: ", "Sender address rejected: "};
        for (int i = 0; i < in.length; i++) {
            in[i] = heads[starts.nextInt(heads.length)] + in[i];
        }
        sameSubstitution(
                in, Pattern.compile("^(\\d{3} <).*?(>:)", F), "$1$2", SmtpdRejectParser::withoutAddressAfterCode);
        sameSubstitution(
                in,
                Pattern.compile("^(?:.*?[:;] )(?:\\[[^\\]]+\\] )?([^;,]+)[;,].*$", F),
                "$1",
                SmtpdRejectParser::rcptReason);
        sameSubstitution(
                in,
                Pattern.compile("^((?:Sender|Recipient) address rejected: [^:]+):.*$", F),
                "$1",
                SmtpdRejectParser::addressRejected);
        sameSubstitution(
                in,
                Pattern.compile("(client|Client host|Sender address) .+? blocked", F),
                "blocked",
                SmtpdRejectParser::blocked);
        sameSubstitution(
                in, Pattern.compile("^\\d{3} (?:<.+>: )?([^;:]+)[;:]?.*$", F), "$1", SmtpdRejectParser::mailReason);
        sameSubstitution(in, Pattern.compile("^(?:.*[:;] )?([^,]+).*$", F), "$1", SmtpdRejectParser::otherReason);
        for (String stage : new String[] {"RCPT", "DATA", "CONNECT", "MAIL", "END-OF-MESSAGE"}) {
            for (String s : in) {
                assertThat(SmtpdRejectParser.shortReason(stage, s))
                        .as("%s <%s>", stage, s)
                        .isEqualTo(SmtpdRejectParser.shortReasonByPatterns(stage, s));
            }
        }
        String[] addresses =
                random(new SplittableRandom(9), new String[] {"to=<", "from=<", ">", "a@b", "<", " ", ",", "x"});
        same(
                addresses,
                Pattern.compile("to=<([^>]+)>", F),
                m -> m.group(1),
                s -> SmtpdRejectParser.bracketedAddress(s, "to=<"));
        same(
                addresses,
                Pattern.compile("from=<([^>]+)>", F),
                m -> m.group(1),
                s -> SmtpdRejectParser.bracketedAddress(s, "from=<"));
    }

    /** gimme_domain as pflogsumm writes it, with its three patterns: the reference for the scanned one. */
    private static String gimmeDomainByPatterns(String client) {
        Matcher m = Pattern.compile("^([^\\[]*)\\[((?:\\d{1,3}\\.){3}\\d{1,3})\\]", F)
                .matcher(client);
        if (!m.find()) {
            m = Pattern.compile("^([^/]*)/([0-9a-f.:]+)", F | Pattern.CASE_INSENSITIVE)
                    .matcher(client);
            if (!m.find()) {
                m = Pattern.compile("^([^\\[(/]*)[\\[(/]([^\\])]+)[\\])]:?\\d*$", F)
                        .matcher(client);
                if (!m.find()) {
                    return "";
                }
            }
        }
        String domain = m.group(1);
        if (domain.isEmpty() || domain.equals("unknown")) {
            return m.group(2);
        }
        String lastTwo = PflogsummText.lastTwoLabels(domain);
        return lastTwo != null ? PflogsummText.lowerAscii(lastTwo) : domain;
    }

    @Test
    void gimmeDomainIsItsPatterns() {
        String[] in = random(new SplittableRandom(12), new String[] {
            "mail",
            ".Example",
            ".com",
            "unknown",
            "[",
            "]",
            "(",
            ")",
            "/",
            "1.2.3.4",
            "::1",
            "2001:db8::",
            "AbC",
            ":25",
            "25",
            " ehlo=1",
            " rcpt=0/1",
            "\n",
            "x",
            "@",
            "@B"
        });
        int nonEmpty = 0;
        for (String s : in) {
            String want = gimmeDomainByPatterns(s);
            nonEmpty += want.isEmpty() ? 0 : 1;
            assertThat(PflogsummText.gimmeDomain(s)).as("<%s>", s).isEqualTo(want);
        }
        assertThat(nonEmpty).isBetween(100, CASES - 100);
        for (String s : in) {
            String folded = PflogsummText.foldAddressCase(s, false);
            int at = s.indexOf('@');
            String want =
                    at < 0 || at == s.length() - 1 ? s : s.substring(0, at) + PflogsummText.lowerAscii(s.substring(at));
            assertThat(folded).isEqualTo(want);
        }
    }

    private static String joined(String[] groups) {
        return groups == null ? null : String.join("|", groups);
    }

    @Test
    void cleanupActions() {
        String[] in = random(new SplittableRandom(13), new String[] {
            "/cleanup[",
            "12",
            "]: ",
            "reject: ",
            "milter-",
            "warning: ",
            "/cleanup[7]: ",
            "/cleanup[7]: ",
            "reject: header ",
            "milter-reject: body ",
            "hold: END-OF-MESSAGE ",
            "x_reject: body ",
            "hold: ",
            "discard: ",
            "header ",
            "body ",
            "END-OF-MESSAGE ",
            "Subject: x",
            " from ",
            "h[1.2.3.4]",
            "; from=<",
            "a@b>",
            "x",
            "é",
            "_",
            " ",
            ":"
        });
        same(
                in,
                Pattern.compile(
                        "/cleanup\\[\\d+\\]: .*?\\b((?:milter-)?reject|warning|hold|discard): "
                                + "(header|body|END-OF-MESSAGE) (.*)$",
                        F),
                m -> m.group(1) + "|" + m.group(2) + "|" + m.group(3) + "|" + m.group(0),
                s -> joined(DetailScan.cleanupAction(s)));
        sameSubstitution(in, Pattern.compile("( from \\S+?)?; from=<.*$", F), "", DetailScan::withoutEnvelopeTail);
    }

    @Test
    void postscreenNotificationsAndTls() {
        String[] in = random(new SplittableRandom(14), new String[] {
            "]: ",
            "PASS NEW",
            "PASS OLD",
            "DNSBL rank ",
            "3",
            "CONNECT from",
            "]: PASS OLD ",
            "]: DNSBL rank 3 ",
            "[1.2.3.4]",
            "[::1]",
            "]: AB12: sender delay notification: CD34",
            "ALLOWLIST VETO",
            "HANGUP",
            " ",
            "[",
            "]",
            "1.2.3.4",
            "::1",
            "g",
            "x",
            ": sender ",
            "delay",
            "non-delivery",
            " notification: ",
            "AB12",
            "_",
            "Anonymous",
            "Trusted",
            " TLS connection established ",
            "from ",
            "to ",
            "h[1.2.3.4]",
            ":",
            "TLSv1.3",
            " with cipher ",
            "AES",
            "\t",
            "smtp: "
        });
        same(
                in,
                Pattern.compile(
                        "\\]: (PASS NEW|PASS OLD|ALLOWLISTED|WHITELISTED|DENYLISTED|BLACKLISTED|PREGREET|HANGUP"
                                + "|DNSBL rank \\d+|BARE NEWLINE|COMMAND PIPELINING|NON-SMTP COMMAND|COMMAND TIME LIMIT|COMMAND COUNT LIMIT"
                                + "|COMMAND LENGTH LIMIT|CONNECT from|DISCONNECT|WHITELIST VETO|ALLOWLIST VETO).*?\\[([0-9A-Fa-f.:]+)\\]",
                        F),
                m -> m.group(1) + "|" + m.group(2),
                s -> joined(DetailScan.postscreenVerdict(s)));
        same(
                in,
                Pattern.compile(
                        "\\]: (\\w+): sender (non-delivery|delay|delivery status|success) notification: (\\w+)", F),
                m -> m.group(1) + "|" + m.group(2) + "|" + m.group(3),
                s -> joined(DetailScan.notification(s)));
        // TLS needs its long literal in one piece to match often enough: one choice per slot, in order
        String[][] slots = {
            {"]: ", "x]: ", ": ", "]: ]: "},
            {"", "", "smtp: ", "x: ", "a:b: ", "q:"},
            {"Anonymous", "Trusted", "Verified", "Untrusted", "None"},
            {" TLS connection established ", " TLS connection "},
            {"from ", "to ", "at "},
            {"h[1.2.3.4]", "h[1.2.3.4]:", "h:", ":", "", "a:b"},
            {" ", ": ", "\t", "::", ":  "},
            {"TLSv1.3", "", "a b", "x:"},
            {" with cipher ", " with "},
            {"AES", "", " ", "A B"},
            {"", " (256/256 bits)", "\n"}
        };
        SplittableRandom pick = new SplittableRandom(15);
        String[] tls = new String[CASES];
        for (int i = 0; i < CASES; i++) {
            StringBuilder b = new StringBuilder();
            for (String[] slot : slots) {
                b.append(slot[pick.nextInt(slot.length)]);
            }
            tls[i] = b.toString();
        }
        same(
                tls,
                Pattern.compile(
                        "\\]: (?:\\S+: )?(Anonymous|Trusted|Verified|Untrusted) TLS connection established (from|to) "
                                + "(\\S+?):? (\\S+) with cipher (\\S+)",
                        F),
                m -> m.group(1) + "|" + m.group(2) + "|" + m.group(3) + "|" + m.group(4) + "|" + m.group(5),
                s -> joined(DetailScan.tlsEstablished(s)));
    }
}
