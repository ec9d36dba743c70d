package io.pflogstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pflogstream.Requires;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import io.pflogstream.fuzz.HostileLines;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.io.Json;
import io.pflogstream.io.KafkaTestBroker;
import io.pflogstream.parse.LineParser;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison pills on the input topic: the bounded job still finishes, every line it cannot read is on
 * the dead-letter topic with its reason, and the lines around them are counted exactly as without
 * them (the same summaries, day reports, lifecycle records and events as a topic of good lines).
 */
@Tag(Requires.KAFKA)
class HostileLinesStreamTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static StreamOptions options(String bootstrap, Path reports, String suffix) {
        return TestStreams.bounded(bootstrap, suffix, reports, 2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void unreadableLinesGoToTheDeadLetterTopicAndTheRestCountsAsWithoutThem(@TempDir Path dir) throws Exception {
        String bootstrap = KafkaTestBroker.bootstrap();
        StringWriter generated = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(21, 2, 2, 900, LocalDate.of(2026, 11, 25), false, false), generated)
                .run();
        List<String> good = List.of(generated.toString().split("\n"));

        // the pills, then hostile lines of every kind, each after a good line whose stamp
        // it keeps (a stamp that parses but lies is a line of another time, not an unreadable one);
        // the unreadable ones only
        TreeMap<Integer, List<byte[]>> after = new TreeMap<>();
        after.computeIfAbsent(100, k -> new ArrayList<>())
                .add(
                        bytes(
                                good.get(100).substring(0, 15)
                                        + " mail postfix/qmgr[102]: 4ABC: from=<a@example.com>, size=99999999999999999999999, nrcpt=1 (queue active)"));
        after.computeIfAbsent(200, k -> new ArrayList<>())
                .add(bytes(good.get(200).substring(0, 15)
                        + " mail postfix/smtp[103]: 4ABC: to=<b@example.org>, relay=mx.example.org[192.0.2.2]:25, delay=1e309, "
                        + "delays=0.1/0/0/0, dsn=2.0.0, status=sent (250 ok)"));
        int pills = 2;
        Map<String, Integer> reasons = new TreeMap<>();
        HostileLines mutator = new HostileLines(21, good);
        LineParser parser = new LineParser(ReportOptions.defaults(TODAY).read());
        for (int i = 0; pills < 400; i++) {
            HostileLines.Kind kind = HostileLines.Kind.values()[i % HostileLines.Kind.values().length];
            byte[] made = mutator.next(kind);
            // a Kafka record holds 1 MB at most (the broker's default): a 1 MB line arrives cut there
            String tail = new String(made, 0, Math.min(made.length, 900_000), StandardCharsets.ISO_8859_1);
            int at = mutator.baseIndex();
            byte[] line = bytes(good.get(at).substring(0, 16) + tail.substring(Math.min(16, tail.length())));
            LineParser.Outcome o = parser.parse(line, 0, line.length, i);
            if (o == LineParser.Outcome.MALFORMED || o == LineParser.Outcome.UNRECOGNIZED) {
                after.computeIfAbsent(at, k -> new ArrayList<>()).add(line);
                pills++;
                reasons.merge(
                        parser.reason().length() > 40 ? parser.reason().substring(0, 40) : parser.reason(),
                        1,
                        Integer::sum);
            }
        }
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            mixed.add(bytes(good.get(i)));
            mixed.addAll(after.getOrDefault(i, List.of()));
        }

        Outputs clean = run(
                bootstrap,
                dir.resolve("clean"),
                good.stream().map(HostileLinesStreamTest::bytes).toList());
        Outputs hostile = run(bootstrap, dir.resolve("hostile"), mixed);

        assertThat(hostile.summaries.keySet()).isEqualTo(clean.summaries.keySet());
        for (String key : clean.summaries.keySet()) {
            // not the smtpd section: the session operator pairs connect and disconnect in arrival
            // order, which differs between two reads of a host's lines spread over partitions (a
            // known fault of the stream job, to be fixed with event-time re-ordering as the lifecycle has)
            JsonNode h = Json.mapper().readTree(hostile.summaries.get(key));
            JsonNode c = Json.mapper().readTree(clean.summaries.get(key));
            ((com.fasterxml.jackson.databind.node.ObjectNode) h).remove("smtpd");
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove("smtpd");
            assertThat(difference(h, c, key)).as("summary " + key).isNull();
        }
        assertThat(hostile.reports).isEqualTo(clean.reports).isNotEmpty();
        assertThat(onlyIn(hostile.messages, clean.messages))
                .as("lifecycle records only with the pills")
                .isEmpty();
        assertThat(onlyIn(clean.messages, hostile.messages))
                .as("lifecycle records only without them")
                .isEmpty();
        assertThat(onlyIn(hostile.events, clean.events))
                .as("events only with the pills")
                .isEmpty();
        assertThat(onlyIn(clean.events, hostile.events))
                .as("events only without them")
                .isEmpty();
        Map<String, Integer> got = new TreeMap<>();
        hostile.deadLetters.forEach(r -> got.merge(r.length() > 40 ? r.substring(0, 40) : r, 1, Integer::sum));
        assertThat(hostile.deadLetters)
                .as("expected %s, got %s", reasons, got)
                .hasSize(clean.deadLetters.size() + pills);
        assertThat(hostile.deadLetters).noneMatch(r -> r.startsWith(LineParser.INTERNAL_ERROR));
        assertThat(hostile.deadLetters)
                .contains(
                        "size= out of range: more than 1099511627776 bytes",
                        "delay= out of range: not a number of seconds within +-1000000000",
                        io.pflogstream.parse.DeadLetter.tooLong(ReportOptions.DEFAULT_MAX_LINE_LENGTH));
    }

    /** What the job published, by record key (the last revision of each summary), and the dead letters' reasons. */
    private record Outputs(
            Map<String, String> summaries,
            Map<String, String> reports,
            Map<String, String> messages,
            Map<String, String> events,
            List<String> deadLetters) {}

    private static Outputs run(String bootstrap, Path dir, List<byte[]> lines) throws Exception {
        String suffix = KafkaTestBroker.uniqueTopic("hostile").substring(6);
        StreamOptions options = options(bootstrap, dir.resolve("reports"), suffix);
        KafkaTestBroker.createTopics(3, options.inputTopic());
        KafkaTestBroker.produceRoundRobin(options.inputTopic(), 3, lines);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamJob.define(env, options, ReportOptions.defaults(TODAY));
        env.execute("hostile lines");

        Map<String, String> summaries = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.summaryTopic())) {
            summaries.put(new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8));
        }
        Map<String, String> reports = new TreeMap<>();
        try (var files = Files.walk(dir.resolve("reports"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                reports.put(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return new Outputs(
                summaries,
                reports,
                byKey(options.messagesTopic()),
                byKey(options.eventsTopic()),
                KafkaTestBroker.readCommitted(options.deadLetterTopic()).stream()
                        .map(r -> reason(r.value()))
                        .toList());
    }

    /**
     * Records by key and value together (a key may repeat: events of one host). Of a message's
     * record, who sent what to whom: of deliveries logged in one second, which counts as the last
     * attempt follows their arrival order, and two reads of a host's lines spread over partitions
     * do not share it (the stream's, not the pills' doing).
     */
    private static Map<String, String> byKey(String topic) throws java.io.IOException {
        Map<String, String> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(topic)) {
            JsonNode json = Json.mapper().readTree(r.value());
            if (json.get("email.to") instanceof com.fasterxml.jackson.databind.node.ArrayNode to) {
                // a message: who sent what to whom; which attempt of one second counts last is arrival order
                List<String> recipients = new ArrayList<>();
                to.forEach(t -> recipients.add(t.get("address").asText()));
                recipients.sort(null);
                json = Json.mapper()
                        .createObjectNode()
                        .put("from", json.get("email.from.address").asText())
                        .put("size", json.get("email.size").asLong())
                        .put("to", String.join(",", recipients))
                        .put("id", json.get("email.message_id").asText());
            }
            String v = json.toString();
            out.merge(new String(r.key(), StandardCharsets.UTF_8) + "|" + v, v, (a, b) -> a + "\n" + b);
        }
        return out;
    }

    private static List<String> onlyIn(Map<String, String> a, Map<String, String> b) {
        return a.keySet().stream().filter(k -> !b.containsKey(k)).limit(3).toList();
    }

    /** Where two JSON trees first differ, as a path with both values, or null. */
    private static String difference(JsonNode a, JsonNode b, String path) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isFloatingPointNumber()
                && b.isNumber()
                && Math.abs(a.asDouble() - b.asDouble()) <= 1e-9 * Math.max(1, Math.abs(b.asDouble()))) {
            return null; // delays are summed in arrival order, which two reads of the partitions do not share
        }
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            var names = a.isObject() ? a.fieldNames() : null;
            for (int i = 0; i < a.size(); i++) {
                String name = names != null ? names.next() : null;
                JsonNode x = names != null ? a.get(name) : a.get(i);
                JsonNode y = names != null ? b.get(name) : b.get(i);
                if (y == null) {
                    return path + "." + name + " missing";
                }
                String d = difference(x, y, path + "." + (name != null ? name : i));
                if (d != null) {
                    return d;
                }
            }
            return null; // equal but for rounding
        }
        String sa = a.toString();
        String sb = b.toString();
        return path + ": " + (sa.length() > 300 ? sa.substring(0, 300) : sa) + " <> "
                + (sb.length() > 300 ? sb.substring(0, 300) : sb);
    }

    private static String reason(byte[] json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            return n.get("reason").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
