package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.lifecycle.RecipientOutcome;
import io.pflogstream.postfix.Origin;
import io.pflogstream.postfix.PolicyAction;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem;
import io.pflogstream.postfix.PostfixEvent.PolicyDecision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SIEM records are written field by field; they must be byte for byte what the first version
 * built as a Jackson tree (kept below as the reference), whatever the text holds: nulls, quotes,
 * control characters, bytes above 0x7F (valid UTF-8 or not), odd numbers.
 */
class SiemJsonTest {
    private static final String[] TEXTS = {"", "a", "bob@example.com", "q\"uote", "back\\slash", "tab\there", "nl\nx",
        "\u00e9t\u00e9", "\u00c3\u00a9", "\u0001ctl", "from=<>", "x".repeat(300), "550 5.1.1 <u@x>: Recipient address rejected"};
    private static final double[] NUMBERS = {0, 0.42, 1e-4, 123456.789, Double.NaN, 3.0, 1e21};

    private static String text(SplittableRandom r) {
        return r.nextInt(6) == 0 ? null : TEXTS[r.nextInt(TEXTS.length)];
    }

    @Test
    void lifecycleRecordsAreTheTreesBytes() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 2_000; i++) {
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
            MessageRecord m = new MessageRecord(text(r), text(r), text(r), text(r), text(r), text(r),
                    r.nextLong(0, 1L << 40), r.nextInt(100), r.nextLong(0, 4_000_000_000_000L),
                    r.nextLong(0, 4_000_000_000_000L), recipients);
            assertThat(SiemJson.message(m)).as("record %d", i).isEqualTo(TreeReference.message(m));
        }
    }

    @Test
    void securityEventsAreTheTreesBytes() {
        SplittableRandom r = new SplittableRandom(2);
        String[] lines = {
            "NOQUEUE: reject: RCPT from h.example[1.2.3.4]: 554 5.7.1 <x@y>: Relay access denied; from=<a@b> to=<c@d> "
                    + "proto=ESMTP helo=<h>",
            "warning: unknown[2001:db8::1]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
            "warning: database /etc/postfix/x.db is older than source file",
            "fatal: no SASL authentication mechanisms from \u00e9[10.0.0.1]",
            "hold: header Subject: x from local; from=<> to=<\u00c3\u00a9@x>"};
        int n = 0;
        for (String line : lines) {
            for (int k = 0; k < 40; k++) {
                Origin origin = new Origin(TEXTS[r.nextInt(TEXTS.length)], k, r.nextLong(0, 4_000_000_000_000L), "smtpd");
                PostfixEvent e = r.nextBoolean()
                        ? new PolicyDecision(origin, PolicyAction.values()[r.nextInt(4)], text(r), text(r), text(r), line)
                        : new DaemonProblem(origin, DaemonProblem.Severity.values()[r.nextInt(3)], text(r), line);
                assertThat(SiemJson.securityEvent(e)).as("%s", e).isEqualTo(TreeReference.securityEvent(e));
                n++;
            }
        }
        assertThat(n).isEqualTo(200);
        // and what a SIEM gets is valid UTF-8 JSON
        String json = new String(SiemJson.securityEvent(new DaemonProblem(new Origin("h", 1, 0, "smtpd"),
                DaemonProblem.Severity.FATAL, "t", lines[3])), StandardCharsets.UTF_8);
        assertThat(json).contains("\"message\":\"fatal: no SASL authentication mechanisms from \ufffd[10.0.0.1]\"");
    }

    /** The tree-building version the records were first written with. */
    private static final class TreeReference {
        private static final Pattern CLIENT = Pattern.compile(" from ([^\\[\\s]*)\\[([0-9A-Fa-f.:]+)\\]");
        private static final Pattern FROM = Pattern.compile("from=<([^>]*)>");
        private static final Pattern TO = Pattern.compile("to=<([^>]*)>");
        private static final Pattern HELO = Pattern.compile("helo=<([^>]*)>");
        private static final Pattern SASL_FAILURE = Pattern.compile("SASL (\\S+) authentication failed");
        private static final Pattern RESPONSE_CODE = Pattern.compile(": (\\d{3} \\d\\.\\d\\.\\d) ");

        static byte[] message(MessageRecord m) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("@timestamp", SummaryJson.wallClock(m.removedAt()));
            n.put("host.name", m.host());
            n.put("postfix.queue_id", m.queueId());
            n.put("email.message_id", m.messageId());
            n.put("source.address", m.client());
            n.put("user.name", m.saslUser());
            n.put("email.from.address", "from=<>".equals(m.sender()) ? "" : m.sender());
            n.put("email.size", m.size());
            n.put("postfix.nrcpt", m.recipientCount());
            n.put("event.start", SummaryJson.wallClock(m.firstSeen()));
            n.put("event.end", SummaryJson.wallClock(m.removedAt()));
            ArrayNode recipients = n.putArray("email.to");
            for (RecipientOutcome r : m.recipients()) {
                recipients.addObject().put("address", r.getRecipient()).put("original_address", r.getOrigRecipient())
                        .put("relay", r.getRelay()).put("status", r.getStatus()).put("dsn", r.getDsn())
                        .put("delay", r.getDelay()).put("delays", r.getDelays()).put("response", r.getResponse())
                        .put("attempts", r.getAttempts()).put("@timestamp", SummaryJson.wallClock(r.getTime()));
            }
            return Json.utf8((JsonNode) n);
        }

        static byte[] securityEvent(PostfixEvent e) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("@timestamp", SummaryJson.wallClock(e.origin().time()));
            n.put("host.name", e.origin().host());
            n.put("process.name", "postfix/" + e.origin().daemon());
            n.put("event.module", "postfix");
            String line;
            if (e instanceof PolicyDecision p) {
                line = p.line();
                n.put("event.category", "email");
                n.put("event.action", p.action().name().toLowerCase(java.util.Locale.ROOT));
                n.put("event.outcome", p.action() == PolicyAction.REJECT ? "failure" : "unknown");
                n.put("postfix.stage", p.stage());
                n.put("event.reason", p.reason());
                put(n, "email.from.address", FROM, line);
                put(n, "email.to.address", TO, line);
                put(n, "postfix.helo", HELO, line);
                put(n, "postfix.response_code", RESPONSE_CODE, line);
            } else {
                DaemonProblem d = (DaemonProblem) e;
                line = d.line();
                Matcher sasl = SASL_FAILURE.matcher(line);
                if (sasl.find()) {
                    n.put("event.category", "authentication");
                    n.put("event.action", "sasl-authentication-failed");
                    n.put("event.outcome", "failure");
                    n.put("postfix.sasl_method", sasl.group(1));
                } else {
                    n.put("event.category", "process");
                    n.put("event.action", d.severity().name().toLowerCase(java.util.Locale.ROOT));
                }
                n.put("log.level", d.severity() == DaemonProblem.Severity.WARNING ? "warning" : "critical");
            }
            Matcher client = CLIENT.matcher(line);
            if (client.find()) {
                n.put("source.domain", client.group(1));
                n.put("source.ip", client.group(2));
            }
            n.put("message", line);
            return Json.utf8((JsonNode) n);
        }

        private static void put(ObjectNode n, String field, Pattern p, String line) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                n.put(field, m.group(1));
            }
        }
    }
}
