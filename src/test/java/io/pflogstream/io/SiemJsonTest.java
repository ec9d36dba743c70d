package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.lifecycle.RecipientOutcome;
import io.pflogstream.postfix.Origin;
import io.pflogstream.postfix.PolicyAction;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem;
import io.pflogstream.postfix.PostfixEvent.PolicyDecision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The SIEM records, byte for byte, against golden files: seeded random records whose text holds
 * nulls, quotes, control characters and bytes above 0x7F (valid UTF-8 or not), and odd numbers.
 * The golden files were written by the first version (which built a Jackson tree per record);
 * {@code -Dgolden.update=true} rewrites them after a deliberate change of the format.
 */
class SiemJsonTest {
    private static final String[] TEXTS = {
        "",
        "a",
        "bob@example.com",
        "q\"uote",
        "back\\slash",
        "tab\there",
        "nl\nx",
        "\u00e9t\u00e9",
        "\u00c3\u00a9",
        "\u0001ctl",
        "from=<>",
        "x".repeat(300),
        "550 5.1.1 <u@x>: Recipient address rejected"
    };
    private static final double[] NUMBERS = {0, 0.42, 1e-4, 123456.789, Double.NaN, 3.0, 1e21};
    private static final String[] LINES = {
        "NOQUEUE: reject: RCPT from h.example[1.2.3.4]: 554 5.7.1 <x@y>: Relay access denied; from=<a@b> to=<c@d> "
                + "proto=ESMTP helo=<h>",
        "warning: unknown[2001:db8::1]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
        "warning: database /etc/postfix/x.db is older than source file",
        "fatal: no SASL authentication mechanisms from \u00e9[10.0.0.1]",
        "hold: header Subject: x from local; from=<> to=<\u00c3\u00a9@x>"
    };

    private static String text(SplittableRandom r) {
        return r.nextInt(6) == 0 ? null : TEXTS[r.nextInt(TEXTS.length)];
    }

    static List<MessageRecord> messages() {
        SplittableRandom r = new SplittableRandom(1);
        List<MessageRecord> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<RecipientOutcome> recipients = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                RecipientOutcome o = new RecipientOutcome();
                o.setRecipient(text(r));
                o.setOrigRecipient(text(r));
                o.setRelay(text(r));
                o.setStatus(text(r));
                o.setDsn(text(r));
                o.setDelay(NUMBERS[r.nextInt(NUMBERS.length)]);
                o.setDelays(text(r));
                o.setResponse(text(r));
                o.setTime(r.nextLong(0, 4_000_000_000_000L));
                o.setAttempts(r.nextInt(5));
                recipients.add(o);
            }
            out.add(new MessageRecord(
                    text(r),
                    text(r),
                    text(r),
                    text(r),
                    text(r),
                    text(r),
                    r.nextLong(0, 1L << 40),
                    r.nextInt(100),
                    r.nextLong(0, 4_000_000_000_000L),
                    r.nextLong(0, 4_000_000_000_000L),
                    recipients));
        }
        return out;
    }

    static List<PostfixEvent> securityEvents() {
        SplittableRandom r = new SplittableRandom(2);
        List<PostfixEvent> out = new ArrayList<>();
        for (String line : LINES) {
            for (int k = 0; k < 40; k++) {
                Origin origin =
                        new Origin(TEXTS[r.nextInt(TEXTS.length)], k, r.nextLong(0, 4_000_000_000_000L), "smtpd");
                out.add(
                        r.nextBoolean()
                                ? new PolicyDecision(
                                        origin, PolicyAction.values()[r.nextInt(4)], text(r), text(r), text(r), line)
                                : new DaemonProblem(
                                        origin, DaemonProblem.Severity.values()[r.nextInt(3)], text(r), line));
            }
        }
        return out;
    }

    @Test
    void lifecycleRecordsAreTheGoldenBytes() throws IOException {
        matchesGolden("messages.jsonl", messages(), SiemJson::message);
    }

    @Test
    void securityEventsAreTheGoldenBytes() throws IOException {
        matchesGolden("events.jsonl", securityEvents(), SiemJson::securityEvent);
        // and what a SIEM gets is valid UTF-8: a byte that is not becomes U+FFFD
        String json = new String(
                SiemJson.securityEvent(
                        new DaemonProblem(new Origin("h", 1, 0, "smtpd"), DaemonProblem.Severity.FATAL, "t", LINES[3])),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"message\":\"fatal: no SASL authentication mechanisms from \ufffd[10.0.0.1]\"");
    }

    /** The SASL attack detector's facts, and a SIEM's: the client and the user name tried, as fields. */
    @Test
    void aSaslFailureCarriesItsClientAndUserAsFields() throws IOException {
        DaemonProblem failure = new DaemonProblem(
                new Origin("mail", 1, 1_795_000_000_000L, "submission/smtpd"),
                DaemonProblem.Severity.WARNING,
                "dyn-10-0-0-10.cable.example.net[127.0.0.10]: SASL PLAIN authentication failed: authenticati",
                "dyn-10-0-0-10.cable.example.net[127.0.0.10]: SASL PLAIN authentication failed: "
                        + "authentication failure, sasl_username=webmaster@mail.example.com");
        var json = Json.mapper().readTree(SiemJson.securityEvent(failure));
        assertThat(json.get("event.action").asText()).isEqualTo("sasl-authentication-failed");
        assertThat(json.get("source.ip").asText()).isEqualTo("127.0.0.10");
        assertThat(json.get("source.domain").asText()).isEqualTo("dyn-10-0-0-10.cable.example.net");
        assertThat(json.get("user.name").asText()).isEqualTo("webmaster@mail.example.com");
        assertThat(json.get("postfix.sasl_method").asText()).isEqualTo("PLAIN");
        assertThat(json.get("event.reason").asText()).isEqualTo("authentication failure");

        Pseudonymizer p = new Pseudonymizer(
                "k".repeat(32).getBytes(StandardCharsets.US_ASCII), java.util.EnumSet.allOf(Pseudonymizer.Field.class));
        var hidden = Json.mapper().readTree(SiemJson.securityEvent(failure, p));
        assertThat(hidden.get("source.ip").asText())
                .isEqualTo(p.ip("127.0.0.10"))
                .isNotEqualTo("127.0.0.10");
        assertThat(hidden.get("user.name").asText())
                .isEqualTo(p.saslUser("webmaster@mail.example.com"))
                .doesNotContain("webmaster");
        assertThat(hidden.toString()).doesNotContain("webmaster").doesNotContain("127.0.0.10");
    }

    /** One record per line (JSON escapes newlines inside strings, so a record has none). */
    private static <T> void matchesGolden(String name, List<T> records, Function<T, byte[]> json) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (T record : records) {
            all.write(json.apply(record));
            all.write('\n');
        }
        byte[] actual = all.toByteArray();
        if (Boolean.getBoolean("golden.update")) {
            Files.write(Path.of("src/test/resources/golden/siem", name), actual);
        }
        byte[] expected;
        try (InputStream in = SiemJsonTest.class.getResourceAsStream("/golden/siem/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            expected = in.readAllBytes();
        }
        String[] want = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] got = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        assertThat(got.length).isEqualTo(records.size() + 1);
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            assertThat(got[i]).as("%s, record %d", name, i).isEqualTo(want[i]);
        }
        assertThat(Arrays.equals(actual, expected)).as("%s byte for byte", name).isTrue();
    }
}
