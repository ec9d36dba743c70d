package io.pflogstream.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pflogstream.alert.Alert;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The pflog.alerts record (src/main/resources/schema/alert.schema.json): the incident's own fields,
 * and the ECS names a SIEM files an alert by. A client address and a user name are pseudonymized
 * like on pflog.events; a provider's reply has its addresses' local parts pseudonymized.
 */
public final class AlertJson {
    public static final String SCHEMA = "pflogstream.alert/1";

    private AlertJson() {}

    public static byte[] toBytes(Alert a, Pseudonymizer p) {
        return Json.utf8(toJson(a, p));
    }

    public static ObjectNode toJson(Alert a, Pseudonymizer p) {
        boolean sasl = a.rule.startsWith("sasl.");
        UnaryOperator<String> key = p == null
                ? UnaryOperator.identity()
                : a.rule.equals("sasl.brute-force")
                        ? p::ip
                        : a.rule.equals("sasl.login-after-attack") || a.rule.equals("sasl.volume-after-attack")
                                ? p::saslUser
                                : UnaryOperator.identity();
        UnaryOperator<String> subject = p != null && sasl ? p::saslUser : UnaryOperator.identity();
        UnaryOperator<String> address = p != null && sasl ? p::ip : UnaryOperator.identity();

        ObjectNode n = Json.mapper().createObjectNode();
        n.put("schema", SCHEMA);
        n.put("@timestamp", SummaryJson.wallClock(a.time));
        n.put("rule", a.rule);
        n.put("status", a.status);
        n.put("key", key.apply(a.key));
        strings(n.putArray("hosts"), a.hosts, UnaryOperator.identity());
        n.put("start", SummaryJson.wallClock(a.start));
        if (a.end > 0) {
            n.put("end", SummaryJson.wallClock(a.end));
        }
        n.put("count", a.count);
        n.put("revision", a.revision);
        ObjectNode evidence = n.putObject("evidence");
        strings(evidence.putArray("rules"), a.details, UnaryOperator.identity());
        strings(evidence.putArray(sasl ? "users" : "recipientDomains"), a.subjects, subject);
        strings(evidence.putArray(sasl ? "clientAddresses" : "sendingAddresses"), a.addresses, address);
        if (a.sample != null) {
            evidence.put("sample", p == null ? a.sample : p.addresses(a.sample));
        }
        if (a.dsn != null) {
            evidence.put("dsn", a.dsn);
        }
        if (a.url != null) {
            evidence.put("url", a.url);
        }
        // ECS: what a SIEM files it by
        n.put("event.kind", "alert");
        n.put("event.module", "pflogstream");
        n.put("event.start", SummaryJson.wallClock(a.start));
        if (a.end > 0) {
            n.put("event.end", SummaryJson.wallClock(a.end));
        }
        n.put("rule.name", a.rule);
        String technique = technique(a.rule);
        if (technique != null) {
            n.put("threat.framework", "MITRE ATT&CK");
            n.put("threat.technique.id", technique);
        }
        if (sasl && a.rule.equals("sasl.brute-force")) {
            n.put("source.ip", key.apply(a.key));
        }
        if (a.rule.equals("sasl.login-after-attack") || a.rule.equals("sasl.volume-after-attack")) {
            n.put("user.name", key.apply(a.key));
        }
        if (a.rule.startsWith("host.")) {
            n.put("host.name", a.key);
        }
        return n;
    }

    /** Brute force (T1110); a login that follows one: valid accounts in an adversary's hands (T1078). */
    static String technique(String rule) {
        return switch (rule) {
            case "sasl.brute-force" -> "T1110";
            case "sasl.login-after-attack", "sasl.volume-after-attack" -> "T1078";
            default -> null;
        };
    }

    private static void strings(ArrayNode array, List<String> values, UnaryOperator<String> f) {
        values.forEach(v -> array.add(f.apply(v)));
    }
}
