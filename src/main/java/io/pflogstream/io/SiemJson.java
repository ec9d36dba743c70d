package io.pflogstream.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.lifecycle.RecipientOutcome;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem;
import io.pflogstream.postfix.PostfixEvent.PolicyDecision;
import io.pflogstream.postfix.SaslFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records a SIEM reads: one per message lifecycle (pflog.messages), one per security-relevant
 * line (pflog.events, ECS field names), one per line nothing could read (pflog.deadletter).
 */
public final class SiemJson {
    private static final Pattern CLIENT = Pattern.compile(" from ([^\\[\\s]*)\\[([0-9A-Fa-f.:]+)\\]");
    // bounded (an SMTP path is at most 256 characters): a line of many "from=<" and no '>' costs
    // a short scan for each, not one to the end of the line
    private static final Pattern FROM = Pattern.compile("from=<([^>]{0,1024})>");
    private static final Pattern TO = Pattern.compile("to=<([^>]{0,1024})>");
    private static final Pattern HELO = Pattern.compile("helo=<([^>]{0,1024})>");
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
        Scratch scratch = SCRATCH.get();
        try {
            scratch.out.reset();
            write(scratch.generator, fields);
            scratch.generator.flush();
        } catch (IOException e) {
            SCRATCH.remove(); // the generator may be mid-object: the next record gets a new one
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            SCRATCH.remove();
            throw e;
        }
        return scratch.out.hasByteAbove7F() ? Json.utf8(text(fields)) : scratch.out.toByteArray();
    }

    /**
     * Each sink thread's generator and buffer, reused record after record: a new pair for every
     * record (growing its buffer, then copied out) was over a quarter of the bytes the lifecycle
     * operator's thread allocated (JFR), and its garbage collections are the stream's cost too
     * (JMH's gc profiler: 3,307 → 1,243 bytes a lifecycle record; 3,771 → 1,113 a security event,
     * whose six regex matchers are reused as well).
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final Utf8Buffer out = new Utf8Buffer();
        final JsonGenerator generator;
        // a security event's fields, each matcher reset to the next line (six new ones a record before)
        final Matcher client = CLIENT.matcher("");
        final Matcher from = FROM.matcher("");
        final Matcher to = TO.matcher("");
        final Matcher helo = HELO.matcher("");
        final Matcher sasl = SASL_FAILURE.matcher("");
        final Matcher responseCode = RESPONSE_CODE.matcher("");

        Scratch() {
            try {
                generator = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            generator.setRootValueSeparator(null); // one object after another, each its own record
        }
    }

    /** A growable byte buffer the generator flushes into; each record is copied out at its size. */
    private static final class Utf8Buffer extends OutputStream {
        private byte[] bytes = new byte[1024];
        private int size;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        boolean hasByteAbove7F() {
            for (int i = 0; i < size; i++) {
                if (bytes[i] < 0) {
                    return true;
                }
            }
            return false;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
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
        return message(m, null);
    }

    /** @param p what to pseudonymize, or null for nothing */
    public static byte[] message(MessageRecord m, Pseudonymizer p) {
        return object(g -> {
            g.writeStringField("@timestamp", SummaryJson.wallClock(m.removedAt()));
            g.writeStringField("host.name", m.host());
            g.writeStringField("postfix.queue_id", m.queueId());
            g.writeStringField("email.message_id", m.messageId());
            g.writeStringField("source.address", p == null ? m.client() : p.client(m.client()));
            g.writeStringField("user.name", p == null ? m.saslUser() : p.saslUser(m.saslUser()));
            // the report keys the null sender as "from=<>"; a SIEM wants the address itself
            String sender = "from=<>".equals(m.sender()) ? "" : m.sender();
            g.writeStringField("email.from.address", p == null ? sender : p.address(sender));
            g.writeNumberField("email.size", m.size());
            g.writeNumberField("postfix.nrcpt", m.recipientCount());
            g.writeStringField("event.start", SummaryJson.wallClock(m.firstSeen()));
            g.writeStringField("event.end", SummaryJson.wallClock(m.removedAt()));
            g.writeArrayFieldStart("email.to");
            for (RecipientOutcome r : m.recipients()) {
                g.writeStartObject();
                g.writeStringField("address", p == null ? r.getRecipient() : p.address(r.getRecipient()));
                g.writeStringField(
                        "original_address", p == null ? r.getOrigRecipient() : p.address(r.getOrigRecipient()));
                g.writeStringField("relay", r.getRelay());
                g.writeStringField("status", r.getStatus());
                g.writeStringField("dsn", r.getDsn());
                g.writeNumberField("delay", r.getDelay());
                g.writeStringField("delays", r.getDelays());
                // a remote server's reply often repeats the recipient's address
                g.writeStringField("response", p == null ? r.getResponse() : p.addresses(r.getResponse()));
                g.writeNumberField("attempts", r.getAttempts());
                g.writeStringField("@timestamp", SummaryJson.wallClock(r.getTime()));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    public static byte[] securityEvent(PostfixEvent e) {
        return securityEvent(e, null);
    }

    /** @param p what to pseudonymize, or null for nothing */
    public static byte[] securityEvent(PostfixEvent e, Pseudonymizer p) {
        return object(g -> {
            Scratch matchers = SCRATCH.get();
            g.writeStringField("@timestamp", SummaryJson.wallClock(e.origin().time()));
            g.writeStringField("host.name", e.origin().host());
            g.writeStringField("process.name", "postfix/" + e.origin().daemon());
            g.writeStringField("event.module", "postfix");
            String line;
            if (e instanceof PolicyDecision policy) {
                line = policy.line();
                g.writeStringField("event.category", "email");
                g.writeStringField("event.action", policy.action().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField(
                        "event.outcome",
                        policy.action() == io.pflogstream.postfix.PolicyAction.REJECT ? "failure" : "unknown");
                g.writeStringField("postfix.stage", policy.stage());
                g.writeStringField("event.reason", p == null ? policy.reason() : p.text(policy.reason()));
                put(g, "email.from.address", matchers.from.reset(line), p == null ? null : p::address);
                put(g, "email.to.address", matchers.to.reset(line), p == null ? null : p::address);
                put(g, "postfix.helo", matchers.helo.reset(line), p == null ? null : p::helo);
                put(g, "postfix.response_code", matchers.responseCode.reset(line), null);
            } else {
                DaemonProblem d = (DaemonProblem) e;
                line = d.line();
                Matcher sasl = matchers.sasl.reset(line);
                if (sasl.find()) {
                    g.writeStringField("event.category", "authentication");
                    g.writeStringField("event.action", "sasl-authentication-failed");
                    g.writeStringField("event.outcome", "failure");
                    g.writeStringField("postfix.sasl_method", sasl.group(1));
                } else {
                    g.writeStringField("event.category", "process");
                    g.writeStringField("event.action", d.severity().name().toLowerCase(java.util.Locale.ROOT));
                }
                g.writeStringField(
                        "log.level", d.severity() == DaemonProblem.Severity.WARNING ? "warning" : "critical");
            }
            SaslFailure failure = e instanceof DaemonProblem d ? SaslFailure.of(d.line()) : null;
            Matcher client = matchers.client.reset(line);
            if (failure != null) {
                // "host[ip]: SASL ...": the client comes first, not after " from "
                g.writeStringField(
                        "source.domain", p == null ? failure.clientHost() : p.clientHost(failure.clientHost()));
                g.writeStringField("source.ip", p == null ? failure.clientIp() : p.ip(failure.clientIp()));
                if (failure.user() != null) {
                    g.writeStringField("user.name", p == null ? failure.user() : p.saslUser(failure.user()));
                }
                g.writeStringField("event.reason", failure.reason());
            } else if (client.find()) {
                g.writeStringField("source.domain", p == null ? client.group(1) : p.clientHost(client.group(1)));
                g.writeStringField("source.ip", p == null ? client.group(2) : p.ip(client.group(2)));
            }
            g.writeStringField("message", p == null ? line : p.text(line));
        });
    }

    public static byte[] deadLetter(DeadLetter d) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("source", d.source());
        int slash = d.source().lastIndexOf('/');
        // a Kafka source is "topic/partition"; a late line's source is its host, which any line can name
        if (slash > 0 && d.source().substring(slash + 1).matches("\\d{1,9}")) {
            n.put("topic", d.source().substring(0, slash));
            n.put("partition", Integer.parseInt(d.source().substring(slash + 1)));
            n.put("offset", d.seq());
        } else if (d.seq() != DeadLetter.NO_POSITION) {
            n.put("line_number", d.seq() + 1);
        }
        n.put("reason", d.reason());
        n.put("line", d.line());
        return bytes(n);
    }

    private static void put(
            JsonGenerator g, String field, Matcher m, java.util.function.UnaryOperator<String> pseudonym)
            throws IOException {
        if (m.find()) {
            g.writeStringField(field, pseudonym == null ? m.group(1) : pseudonym.apply(m.group(1)));
        }
    }

    private static byte[] bytes(ObjectNode n) {
        return Json.utf8(n);
    }
}
