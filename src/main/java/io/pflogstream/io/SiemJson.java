package io.pflogstream.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    /** Writes one JSON object's fields; a lambda per record kind. */
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * One JSON object, written field by field as it goes (a lifecycle record is written for every
     * message: no tree of nodes first), straight to UTF-8. That is right as long as every char is
     * ASCII, as nearly every record's are; a char above 0x7F (a log byte, see
     * {@link Json#utf8(String)}) shows as a byte above 0x7F in the output, and then the object is
     * written again as text and made UTF-8 the way that method says.
     */
    private static byte[] object(Fields fields) {
        ByteArrayBuilder utf8 = new ByteArrayBuilder(512);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(utf8, JsonEncoding.UTF8)) {
            write(g, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = utf8.toByteArray();
        for (byte b : bytes) {
            if (b < 0) {
                return Json.utf8(text(fields));
            }
        }
        return bytes;
    }

    private static String text(Fields fields) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(text)) {
            write(g, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, Fields fields) throws IOException {
        g.writeStartObject();
        fields.write(g);
        g.writeEndObject();
    }

    public static byte[] message(MessageRecord m) {
        return object(g -> {
            g.writeStringField("@timestamp", SummaryJson.wallClock(m.removedAt()));
            g.writeStringField("host.name", m.host());
            g.writeStringField("postfix.queue_id", m.queueId());
            g.writeStringField("email.message_id", m.messageId());
            g.writeStringField("source.address", m.client());
            g.writeStringField("user.name", m.saslUser());
            // the report keys the null sender as "from=<>"; a SIEM wants the address itself
            g.writeStringField("email.from.address", "from=<>".equals(m.sender()) ? "" : m.sender());
            g.writeNumberField("email.size", m.size());
            g.writeNumberField("postfix.nrcpt", m.recipientCount());
            g.writeStringField("event.start", SummaryJson.wallClock(m.firstSeen()));
            g.writeStringField("event.end", SummaryJson.wallClock(m.removedAt()));
            g.writeArrayFieldStart("email.to");
            for (RecipientOutcome r : m.recipients()) {
                g.writeStartObject();
                g.writeStringField("address", r.getRecipient());
                g.writeStringField("original_address", r.getOrigRecipient());
                g.writeStringField("relay", r.getRelay());
                g.writeStringField("status", r.getStatus());
                g.writeStringField("dsn", r.getDsn());
                g.writeNumberField("delay", r.getDelay());
                g.writeStringField("delays", r.getDelays());
                g.writeStringField("response", r.getResponse());
                g.writeNumberField("attempts", r.getAttempts());
                g.writeStringField("@timestamp", SummaryJson.wallClock(r.getTime()));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    public static byte[] securityEvent(PostfixEvent e) {
        return object(g -> {
            g.writeStringField("@timestamp", SummaryJson.wallClock(e.origin().time()));
            g.writeStringField("host.name", e.origin().host());
            g.writeStringField("process.name", "postfix/" + e.origin().daemon());
            g.writeStringField("event.module", "postfix");
            String line;
            if (e instanceof PolicyDecision p) {
                line = p.line();
                g.writeStringField("event.category", "email");
                g.writeStringField("event.action", p.action().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("event.outcome",
                        p.action() == io.pflogstream.postfix.PolicyAction.REJECT ? "failure" : "unknown");
                g.writeStringField("postfix.stage", p.stage());
                g.writeStringField("event.reason", p.reason());
                put(g, "email.from.address", FROM, line);
                put(g, "email.to.address", TO, line);
                put(g, "postfix.helo", HELO, line);
                put(g, "postfix.response_code", RESPONSE_CODE, line);
            } else {
                DaemonProblem d = (DaemonProblem) e;
                line = d.line();
                Matcher sasl = SASL_FAILURE.matcher(line);
                if (sasl.find()) {
                    g.writeStringField("event.category", "authentication");
                    g.writeStringField("event.action", "sasl-authentication-failed");
                    g.writeStringField("event.outcome", "failure");
                    g.writeStringField("postfix.sasl_method", sasl.group(1));
                } else {
                    g.writeStringField("event.category", "process");
                    g.writeStringField("event.action", d.severity().name().toLowerCase(java.util.Locale.ROOT));
                }
                g.writeStringField("log.level", d.severity() == DaemonProblem.Severity.WARNING ? "warning" : "critical");
            }
            Matcher client = CLIENT.matcher(line);
            if (client.find()) {
                g.writeStringField("source.domain", client.group(1));
                g.writeStringField("source.ip", client.group(2));
            }
            g.writeStringField("message", line);
        });
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

    private static void put(JsonGenerator g, String field, Pattern p, String line) throws IOException {
        Matcher m = p.matcher(line);
        if (m.find()) {
            g.writeStringField(field, m.group(1));
        }
    }

    private static byte[] bytes(ObjectNode n) {
        return Json.utf8(n);
    }
}
