package io.pflogstream.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pflogstream.io.Json;
import io.pflogstream.io.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Compares what a job run under faults published with what a fault-free run of the same input
 * published, reading both with {@code read_committed} (what a downstream consumer sees).
 *
 * <ul>
 *   <li><b>duplicated</b>: a record the candidate published more than once (same table and
 *       revision, same message, same day report);
 *   <li><b>lost</b>: a table, message or day report of the reference the candidate lacks;
 *   <li><b>mismatched_tables</b>: present in both, but the candidate's final version (highest
 *       revision, last report) differs.
 * </ul>
 * Security events and dead letters have no version: each distinct record must be published as many
 * times as the reference published it (fewer is lost, more is duplicated). A dead letter names the
 * input record (partition and offset) it stands for, so two equal bad lines stay two.
 * Records dated at or after {@code --until} are left out: the end-of-input marker's day closes in
 * the bounded reference run but not in the unbounded candidate.
 *
 * <pre>OutputComparison BOOTSTRAP UNTIL REF_PREFIX RUN_PREFIX</pre>
 * reads the topics PREFIX.summary, .messages, .report, .events, .deadletter and .alerts of both runs
 * (an alert is unversioned too: each record of an incident's life once).
 */
public final class OutputComparison {
    private static final ObjectMapper JSON = Json.mapper();

    /** One published record: the table (or message, or day report) it is a version of, which version, its content. */
    record Published(String table, long version, String content) {}

    /** What the candidate got wrong for one kind of output. */
    record Verdict(int lost, int duplicated, int mismatched, int referenceTables, int candidateRecords) {
        Verdict plus(Verdict o) {
            return new Verdict(
                    lost + o.lost,
                    duplicated + o.duplicated,
                    mismatched + o.mismatched,
                    referenceTables + o.referenceTables,
                    candidateRecords + o.candidateRecords);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: OutputComparison BOOTSTRAP UNTIL REF_PREFIX RUN_PREFIX [alerts|no-alerts]");
            System.exit(2);
        }
        // no-alerts: the run's first half was a build without the alerts topic
        boolean alerts = args.length == 4 || args[4].equals("alerts");
        String bootstrap = args[0];
        String until = args[1];
        String ref = args[2];
        String run = args[3];
        Map<String, Verdict> verdicts = new java.util.LinkedHashMap<>();
        for (String kind : List.of("summary", "messages", "report")) {
            verdicts.put(
                    kind,
                    compare(
                            versioned(kind, read(bootstrap, ref + "." + kind), until),
                            versioned(kind, read(bootstrap, run + "." + kind), until)));
        }
        for (String kind : alerts ? List.of("events", "deadletter", "alerts") : List.of("events", "deadletter")) {
            verdicts.put(
                    kind,
                    compareCounts(
                            dated(read(bootstrap, ref + "." + kind), until),
                            dated(read(bootstrap, run + "." + kind), until)));
        }
        Verdict all = new Verdict(0, 0, 0, 0, 0);
        boolean empty = false;
        for (var v : verdicts.entrySet()) {
            print(v.getKey(), v.getValue());
            all = all.plus(v.getValue());
            empty |= v.getValue().referenceTables() == 0;
        }
        System.out.printf(
                "lost=%d duplicated=%d mismatched_tables=%d%n", all.lost(), all.duplicated(), all.mismatched());
        if (empty) {
            System.out.println("the reference run published nothing to compare with on one of the topics");
        }
        System.exit(empty || all.lost() + all.duplicated() + all.mismatched() > 0 ? 1 : 0);
    }

    private static void print(String what, Verdict v) {
        System.out.printf(
                "  %-8s reference tables=%d candidate records=%d lost=%d duplicated=%d mismatched=%d%n",
                what, v.referenceTables(), v.candidateRecords(), v.lost(), v.duplicated(), v.mismatched());
    }

    private static List<Published> versioned(String kind, List<ConsumerRecord<byte[], byte[]>> records, String until)
            throws Exception {
        return switch (kind) {
            case "summary" -> summaries(records, until);
            case "messages" -> messages(records, until);
            default -> reports(records, until);
        };
    }

    /**
     * Summary fields the old build of an upgrade did not write ({@code fault-test.sh --new-fields}),
     * left out on both sides: the tables it wrote before the savepoint lack them by design.
     */
    private static final List<String> NEW_FIELDS =
            List.of(System.getProperty("pflogstream.compare.newFields", "").split(",")).stream()
                    .filter(f -> !f.isBlank())
                    .toList();

    /** {@code json} without the named fields, at any depth (a domain row's "delays" too). */
    static void withoutFields(JsonNode json, List<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        if (json instanceof ObjectNode o) {
            o.remove(fields);
        }
        json.forEach(child -> withoutFields(child, fields));
    }

    /** Summary records: one table per (host, granularity, start), versioned by revision. */
    static List<Published> summaries(List<ConsumerRecord<byte[], byte[]>> records, String until) throws Exception {
        List<Published> out = new ArrayList<>();
        for (var r : records) {
            ObjectNode json = (ObjectNode) JSON.readTree(r.value());
            String start = json.get("start").asText();
            if (start.compareTo(until) >= 0) {
                continue;
            }
            long revision = json.get("revision").asLong();
            json.remove("revision"); // a revision number says when a table was emitted, not what it holds
            withoutFields(json, NEW_FIELDS);
            out.add(new Published(
                    json.get("host").asText() + "|" + json.get("granularity").asText() + "|" + start,
                    revision,
                    JSON.writeValueAsString(json)));
        }
        return out;
    }

    /** Lifecycle records: one per message, identified by host, queue ID and when it was removed. */
    static List<Published> messages(List<ConsumerRecord<byte[], byte[]>> records, String until) throws Exception {
        List<Published> out = new ArrayList<>();
        for (var r : records) {
            JsonNode json = JSON.readTree(r.value());
            String end = json.get("event.end").asText();
            if (end.compareTo(until) >= 0) {
                continue;
            }
            out.add(new Published(
                    json.get("host.name").asText() + "|"
                            + json.get("postfix.queue_id").asText() + "|" + end,
                    0,
                    new String(r.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Day reports, keyed host|date; a later record for the same day replaces an earlier one. */
    static List<Published> reports(List<ConsumerRecord<byte[], byte[]>> records, String until) {
        List<Published> out = new ArrayList<>();
        String untilDay = until.substring(0, 10);
        for (var r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (key.substring(key.indexOf('|') + 1).compareTo(untilDay) >= 0) {
                continue;
            }
            // records of one key share a partition, so the offset orders them
            out.add(new Published(key, r.offset(), new String(r.value(), StandardCharsets.ISO_8859_1)));
        }
        return out;
    }

    /** Records without a version (events, dead letters), left out when their {@code @timestamp} is at or after until. */
    static List<String> dated(List<ConsumerRecord<byte[], byte[]>> records, String until) throws Exception {
        List<String> out = new ArrayList<>();
        for (var r : records) {
            JsonNode time = JSON.readTree(r.value()).get("@timestamp");
            if (time == null || time.asText().compareTo(until) < 0) {
                out.add(new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Each distinct record as many times as in the reference: fewer is lost, more duplicated. */
    static Verdict compareCounts(List<String> reference, List<String> candidate) {
        Map<String, Integer> balance = new HashMap<>();
        reference.forEach(r -> balance.merge(r, 1, Integer::sum));
        candidate.forEach(r -> balance.merge(r, -1, Integer::sum));
        int lost = 0;
        int duplicated = 0;
        for (int b : balance.values()) {
            lost += Math.max(b, 0);
            duplicated += Math.max(-b, 0);
        }
        return new Verdict(lost, duplicated, 0, reference.size(), candidate.size());
    }

    static Verdict compare(List<Published> reference, List<Published> candidate) {
        Map<String, Integer> seen = new HashMap<>();
        int duplicated = 0;
        for (Published p : candidate) {
            // the same table version with the same content twice: a replayed, uncommitted write leaking through
            if (seen.merge(p.table() + "\u0000" + p.version() + "\u0000" + p.content(), 1, Integer::sum) > 1) {
                duplicated++;
            }
        }
        Map<String, Published> expected = latest(reference);
        Map<String, Published> actual = latest(candidate);
        int lost = 0;
        int mismatched = 0;
        for (var e : expected.entrySet()) {
            Published got = actual.get(e.getKey());
            if (got == null) {
                lost++;
            } else if (!Objects.equals(got.content(), e.getValue().content())) {
                mismatched++;
            }
        }
        return new Verdict(lost, duplicated, mismatched, expected.size(), candidate.size());
    }

    private static Map<String, Published> latest(List<Published> records) {
        Map<String, Published> last = new TreeMap<>();
        for (Published p : records) {
            last.merge(p.table(), p, (a, b) -> b.version() >= a.version() ? b : a);
        }
        return last;
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic) {
        return KafkaTestBroker.readCommitted(bootstrap, topic);
    }
}
