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
 * Records dated at or after {@code --until} are left out: the end-of-input marker's day closes in
 * the bounded reference run but not in the unbounded candidate.
 *
 * <pre>OutputComparison BOOTSTRAP UNTIL REF_SUMMARY REF_MESSAGES REF_REPORT RUN_SUMMARY RUN_MESSAGES RUN_REPORT</pre>
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
        if (args.length != 8) {
            System.err.println(
                    "usage: OutputComparison BOOTSTRAP UNTIL REF_SUMMARY REF_MESSAGES REF_REPORT RUN_SUMMARY RUN_MESSAGES RUN_REPORT");
            System.exit(2);
        }
        String bootstrap = args[0];
        String until = args[1];
        Verdict summary =
                compare(summaries(read(bootstrap, args[2]), until), summaries(read(bootstrap, args[5]), until));
        Verdict messages =
                compare(messages(read(bootstrap, args[3]), until), messages(read(bootstrap, args[6]), until));
        Verdict reports = compare(reports(read(bootstrap, args[4]), until), reports(read(bootstrap, args[7]), until));
        print("summary", summary);
        print("messages", messages);
        print("report", reports);
        Verdict all = summary.plus(messages).plus(reports);
        System.out.printf(
                "lost=%d duplicated=%d mismatched_tables=%d%n", all.lost(), all.duplicated(), all.mismatched());
        boolean empty =
                summary.referenceTables() == 0 || messages.referenceTables() == 0 || reports.referenceTables() == 0;
        if (empty) {
            System.out.println("the reference run published nothing to compare with");
        }
        System.exit(empty || all.lost() + all.duplicated() + all.mismatched() > 0 ? 1 : 0);
    }

    private static void print(String what, Verdict v) {
        System.out.printf(
                "  %-8s reference tables=%d candidate records=%d lost=%d duplicated=%d mismatched=%d%n",
                what, v.referenceTables(), v.candidateRecords(), v.lost(), v.duplicated(), v.mismatched());
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
