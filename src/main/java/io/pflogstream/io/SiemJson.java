package io.pflogstream.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.lifecycle.RecipientOutcome;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem;
import io.pflogstream.postfix.PostfixEvent.PolicyDecision;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records a SIEM reads: one per message lifecycle (pflog.messages), one per security-relevant
 * line (pflog.events, ECS field names), one per line nothing could read (pflog.deadletter).
 */
public final class SiemJson {
    private static final Pattern CLIENT = Pattern.compile(" from ([^\\[\\s]*)\\[([0-9A-Fa-f.:]+)\\]");
    private static final Pattern FROM = Pattern.compile("from=<([^>]*)>");
    private static final Pattern TO = Pattern.compile("to=<([^>]*)>");
    private static final Pattern HELO = Pattern.compile("helo=<([^>]*)>");
    private static final Pattern SASL_FAILURE = Pattern.compile("SASL (\\S+) authentication failed");
    private static final Pattern RESPONSE_CODE = Pattern.compile(": (\\d{3} \\d\\.\\d\\.\\d) ");

    private SiemJson() {}

    public static byte[] message(MessageRecord m) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("@timestamp", SummaryJson.wallClock(m.removedAt()));
        n.put("host.name", m.host());
        n.put("postfix.queue_id", m.queueId());
        n.put("email.message_id", m.messageId());
        n.put("source.address", m.client());
        n.put("user.name", m.saslUser());
        // the report keys the null sender as "from=<>"; a SIEM wants the address itself
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
        return bytes(n);
    }

    public static byte[] securityEvent(PostfixEvent e) {
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
            n.put("event.outcome", p.action() == io.pflogstream.postfix.PolicyAction.REJECT ? "failure" : "unknown");
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
        return bytes(n);
    }

    public static byte[] deadLetter(DeadLetter d) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("source", d.source());
        int slash = d.source().lastIndexOf('/');
        if (slash > 0 && d.source().substring(slash + 1).matches("\\d+")) {
            n.put("topic", d.source().substring(0, slash));
            n.put("partition", Integer.parseInt(d.source().substring(slash + 1)));
            n.put("offset", d.seq());
        } else {
            n.put("line_number", d.seq() + 1);
        }
        n.put("reason", d.reason());
        n.put("line", d.line());
        return bytes(n);
    }

    private static void put(ObjectNode n, String field, Pattern p, String line) {
        Matcher m = p.matcher(line);
        if (m.find()) {
            n.put(field, m.group(1));
        }
    }

    private static byte[] bytes(ObjectNode n) {
        return Json.utf8(n);
    }
}
