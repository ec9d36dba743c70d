package io.pflogstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.pflogstream.Requires;
import io.pflogstream.config.LineEnvelope;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.Pflogsumm;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.golden.TiedRows;
import io.pflogstream.io.Json;
import io.pflogstream.io.KafkaTestBroker;
import io.pflogstream.io.LogCapture;
import io.pflogstream.io.SummaryJson;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming job end to end against a real Kafka broker: a three-host, three-day log on a
 * three-partition topic (one host's lines spread over all partitions, so they arrive out of order),
 * junk mixed in, the job run bounded with exactly-once sinks, then every output checked.
 */
@Tag(Requires.KAFKA)
@Tag(Requires.PFLOGSUMM)
class KafkaStreamingTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final Pattern STAMP = Pattern.compile("^(\\w{3}) +(\\d+) \\d\\d:\\d\\d:\\d\\d (\\S+) ");
    private static final Pattern REMOVED = Pattern.compile(" (\\S+) postfix/qmgr\\[\\d+\\]: (\\w+): removed$");
    private static final List<String> JUNK = List.of(
            "this line is not syslog at all",
            "Nov 99 10:00:00 mail postfix/smtpd[1]: day ninety-nine",
            "{\"json\": \"where a raw line was expected\"}",
            "mx1 postfix/smtpd[12345]: a postfix line no rule knows");

    /** The whole job, on the heap state backend and on RocksDB (incremental checkpoints), each checked the same way. */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void dayReportsSummariesLifecyclesEventsAndDeadLettersFromARealBroker(String stateBackend, @TempDir Path dir)
            throws Exception {
        String bootstrap = KafkaTestBroker.bootstrap();
        String suffix = KafkaTestBroker.uniqueTopic("fleet").substring(6);
        StreamOptions options = TestStreams.bounded(bootstrap, suffix, dir.resolve("reports"), 2);
        KafkaTestBroker.createTopics(3, options.inputTopic());

        StringWriter generated = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(99, 3, 3, 1200, LocalDate.of(2026, 11, 20), false, false), generated)
                .run();
        List<String> log = new ArrayList<>(List.of(generated.toString().split("\n")));
        List<String> junk = new ArrayList<>();
        for (int i = 0; i < JUNK.size(); i++) {
            int at = log.size() / (i + 2);
            // a line in its place in time (a far-future stamp would rightly make the lines after it late)
            String line =
                    JUNK.get(i).startsWith("mx1 ") ? log.get(at - 1).substring(0, 15) + " " + JUNK.get(i) : JUNK.get(i);
            log.add(at, line);
            junk.add(line);
        }
        KafkaTestBroker.produceRoundRobin(
                options.inputTopic(),
                3,
                log.stream().map(l -> l.getBytes(StandardCharsets.ISO_8859_1)).toList());

        Configuration conf = new Configuration();
        conf.setString("state.backend.type", stateBackend);
        conf.setString("execution.checkpointing.incremental", "true");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        StreamJob.define(
                env,
                options,
                ReportOptions.builder(TODAY).keepDelayPercentiles(true).build());
        String logged;
        try (LogCapture capture = new LogCapture(Map.of("org.apache.flink.state", Level.INFO))) {
            env.execute("kafka streaming test");
            logged = capture.text();
        }
        // it ran on the backend asked for: RocksDB logs loading its native library, the heap backend nothing of it
        if (stateBackend.equals("rocksdb")) {
            assertThat(logged).containsIgnoringCase("rocksdb");
        } else {
            assertThat(logged).doesNotContainIgnoringCase("rocksdb");
        }

        // 1. each day report equals pflogsumm run on that host's (or all hosts') lines of that day
        Map<String, List<String>> byHostDay = splitByHostAndDay(log);
        assertThat(byHostDay).hasSizeGreaterThanOrEqualTo(12);
        Requires.pflogsumm();
        Map<String, String> reports = new HashMap<>();
        for (Map.Entry<String, List<String>> e : byHostDay.entrySet()) {
            Path expectedLog = dir.resolve(e.getKey().replace('/', '_') + ".log");
            Files.write(expectedLog, e.getValue(), StandardCharsets.ISO_8859_1);
            String expected = Pflogsumm.run(List.of(), List.of(expectedLog), TODAY);
            Path file = dir.resolve("reports").resolve(e.getKey() + ".txt");
            assertThat(file).as("day report " + e.getKey()).exists();
            String actual = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertThat(TiedRows.canonical(actual)).as(e.getKey()).isEqualTo(TiedRows.canonical(expected));
            reports.put(e.getKey(), actual);
        }

        // 2. every summary record validates; the last revision of each day agrees with its report
        JsonSchema schema = io.pflogstream.io.Schemas.summary();
        Map<String, JsonNode> lastDaily = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> summaries = KafkaTestBroker.readCommitted(options.summaryTopic());
        assertThat(summaries).isNotEmpty();
        for (ConsumerRecord<byte[], byte[]> r : summaries) {
            JsonNode json = Json.mapper().readTree(r.value());
            assertThat(schema.validate(json)).as("schema errors").isEmpty();
            if (json.get("granularity").asText().equals("day")) {
                String key = json.get("host").asText() + "/"
                        + json.get("start").asText().substring(0, 10);
                JsonNode previous = lastDaily.get(key);
                if (previous == null
                        || previous.get("revision").asInt()
                                < json.get("revision").asInt()) {
                    lastDaily.put(key, json);
                }
            }
        }
        assertThat(lastDaily.keySet()).isEqualTo(reports.keySet());
        lastDaily.forEach((key, json) -> assertTotalsAgree(key, json.get("totals"), reports.get(key)));

        // 2b. each day's delay percentiles, of a host and of the fleet (rolled up from hours and
        // sharded by row): those of one sketch of that day's sent lines, overall and per provider
        lastDaily.forEach((key, json) -> {
            assertThat(json.at("/delays/all/total/count").asLong())
                    .as(key)
                    .isEqualTo(json.at("/totals/delivered").asLong());
            // as text: a parsed 359 is an int node, the one put is a long node
            assertThat(json.get("delays").toString())
                    .as(key)
                    .isEqualTo(expectedDelays(byHostDay.get(key)).toString());
        });

        // 3. one lifecycle record per queue ID that logged "removed", and no duplicate
        Map<String, Integer> removed = new HashMap<>();
        for (String line : log) {
            Matcher m = REMOVED.matcher(line);
            if (m.find()) {
                removed.merge(m.group(1) + "|" + m.group(2), 1, Integer::sum);
            }
        }
        Map<String, Integer> records = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.messagesTopic())) {
            JsonNode json = Json.mapper().readTree(r.value());
            records.merge(
                    json.get("host.name").asText() + "|"
                            + json.get("postfix.queue_id").asText(),
                    1,
                    Integer::sum);
        }
        assertThat(removed).isNotEmpty();
        assertThat(records).isEqualTo(removed);

        // 4. every junk line is in the dead-letter topic, with a reason and where it came from
        List<JsonNode> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.deadLetterTopic())) {
            dead.add(Json.mapper().readTree(r.value()));
        }
        for (String line : junk) {
            assertThat(dead).as(line).anySatisfy(d -> {
                assertThat(d.get("line").asText()).isEqualTo(line);
                assertThat(d.get("reason").asText()).isNotBlank();
                assertThat(d.get("topic").asText()).isEqualTo(options.inputTopic());
                assertThat(d.get("offset").asLong()).isNotNegative();
            });
        }

        // 5. the security events carry ECS fields
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.eventsTopic())) {
            events.add(Json.mapper().readTree(r.value()));
        }
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("event.action").asText()).isEqualTo("reject");
            assertThat(e.get("source.ip").asText()).isNotBlank();
            assertThat(e.get("@timestamp").asText()).startsWith("2026-11-2");
        });
        assertThat(events)
                .anySatisfy(e -> assertThat(e.get("event.category").asText()).isEqualTo("authentication"));
    }

    /** "received" … "recipient hosts/domains" of the report's Grand Totals against the JSON totals. */
    private static void assertTotalsAgree(String key, JsonNode totals, String report) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("received", "received");
        names.put("delivered", "delivered");
        names.put("forwarded", "forwarded");
        names.put("deferred", "deferred");
        names.put("bounced", "bounced");
        names.put("rejected", "rejected");
        names.put("reject warnings", "rejectWarnings");
        names.put("held", "held");
        names.put("discarded", "discarded");
        names.put("bytes received", "bytesReceived");
        names.put("bytes delivered", "bytesDelivered");
        names.put("senders", "senders");
        names.put("sending hosts/domains", "sendingDomains");
        names.put("recipients", "recipients");
        names.put("recipient hosts/domains", "recipientDomains");
        names.forEach((label, field) -> {
            Matcher m = Pattern.compile("(?m)^ +(\\d+)([ km])  " + Pattern.quote(label) + "( |$)")
                    .matcher(report);
            assertThat(m.find()).as(key + " report shows " + label).isTrue();
            long shown = Long.parseLong(m.group(1));
            long value = totals.get(field).asLong();
            long expected =
                    m.group(2).equals("m") ? value / 1048576 : m.group(2).equals("k") ? value / 1024 : value;
            assertThat(shown).as(key + " " + label).isEqualTo(expected);
        });
    }

    /** host/date → lines, plus fleet/date → all hosts' lines, in log order. */
    private static final Pattern SENT =
            Pattern.compile("postfix/\\w+\\[\\d+\\]: \\w+: to=<[^@>]*@([^>]*)>, (?:orig_to=<[^>]*>, )?relay=([^,]*), "
                    + "(?:conn_use=\\d+, )?delay=([\\d.]+), delays=([\\d./]+), dsn=[^,]*, status=sent \\((.*)\\)$");

    /** The "delays" object a summary of these lines has: their sent deliveries' sketches, by provider too. */
    private static JsonNode expectedDelays(List<String> lines) {
        io.pflogstream.alert.ReplyRules providers = io.pflogstream.alert.ReplyRules.defaults();
        io.pflogstream.summary.DeliveryDelays all = new io.pflogstream.summary.DeliveryDelays();
        Map<String, io.pflogstream.summary.DeliveryDelays> byProvider = new java.util.TreeMap<>();
        for (String line : lines) {
            Matcher m = SENT.matcher(line);
            if (!m.find() || m.group(5).startsWith("forwarded as ")) {
                continue;
            }
            double delay = Double.parseDouble(m.group(3));
            all.add(delay, m.group(4));
            String p = providers.providerOf(m.group(2), m.group(1).toLowerCase(java.util.Locale.ROOT));
            byProvider
                    .computeIfAbsent(p == null ? "(other)" : p, k -> new io.pflogstream.summary.DeliveryDelays())
                    .add(delay, m.group(4));
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = Json.mapper().createObjectNode();
        out.set("all", SummaryJson.delays(all));
        com.fasterxml.jackson.databind.node.ArrayNode list = out.putArray("providers");
        byProvider.forEach((name, d) -> list.addObject().put("provider", name).setAll(SummaryJson.delays(d)));
        return out;
    }

    private static Map<String, List<String>> splitByHostAndDay(List<String> log) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : log) {
            Matcher m = STAMP.matcher(line);
            if (!m.find() || !line.contains(" postfix") || line.contains("no rule knows")) {
                continue;
            }
            int day = Integer.parseInt(m.group(2));
            if (day > 31) {
                continue;
            }
            String date = String.format("2026-11-%02d", day);
            out.computeIfAbsent(m.group(3) + "/" + date, k -> new ArrayList<>()).add(line);
            out.computeIfAbsent("fleet/" + date, k -> new ArrayList<>()).add(line);
        }
        return out;
    }

    /**
     * Late data on a running (unbounded) job. The lines are produced in three steps, each waiting
     * for the job's output, because whether a line is late depends on when the watermark reached the
     * window, not only on the order of the lines.
     */
    @Test
    void aLateLineWithinTheAllowedLatenessRevisesItsHourBeyondItGoesToTheLateOutput() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrap();
        String suffix = KafkaTestBroker.uniqueTopic("late").substring(5);
        StreamOptions bounded = TestStreams.bounded(bootstrap, suffix, null, 2);
        StreamOptions options = new StreamOptions(
                bootstrap,
                bounded.inputTopic(),
                LineEnvelope.RAW,
                bounded.groupId(),
                false,
                bounded.summaryTopic(),
                bounded.messagesTopic(),
                bounded.eventsTopic(),
                bounded.deadLetterTopic(),
                bounded.reportTopic(),
                bounded.alertsTopic(),
                null,
                bounded.transactionalIdPrefix(),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofHours(1),
                1,
                Map.of());
        KafkaTestBroker.createTopics(1, options.inputTopic(), options.summaryTopic(), options.deadLetterTopic());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // late lines within 3 s of each other make one revision (the command's default is 5 s)
        StreamJob.define(
                env,
                options,
                ReportOptions.builder(TODAY)
                        .lateRevisionDelay(Duration.ofSeconds(3))
                        .build());
        org.apache.flink.core.execution.JobClient job = env.executeAsync("late data test");
        try {
            // hour 10 gets five rejects; lines at 12:00 move the watermark past 11:00 and close it
            // (a jump of over an hour needs the lines after it to agree: a lone wrong stamp must not)
            produce(
                    options,
                    reject("10:00:01"),
                    reject("10:00:02"),
                    reject("10:00:03"),
                    reject("10:00:04"),
                    reject("10:00:05"));
            produce(options, resumed("12:00"));
            assertThat(waitFor(() -> hourTen(options).get(1), v -> v != null)).isEqualTo(5L);

            // late, but inside the hour of allowed lateness: the hour is revised once for the three
            produce(options, reject("10:30:00"), reject("10:30:01"), reject("10:30:02"));
            assertThat(waitFor(() -> hourTen(options).get(2), v -> v != null)).isEqualTo(8L);

            // the watermark passes 12:00, so hour 10 is closed for good: the next line for it is late
            produce(options, resumed("14:00"));
            Thread.sleep(2000);
            produce(options, reject("10:40:00"));
            List<JsonNode> late = waitFor(() -> lateLetters(options), l -> !l.isEmpty());
            assertThat(late).hasSize(1);
            assertThat(late.get(0).get("reason").asText()).startsWith("late");
            assertThat(hourTen(options)).containsOnlyKeys(1, 2);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aDaySummaryOfMegabytesIsPublished() throws Exception {
        // a day with 25,000 distinct recipients: its summary is well over the producer's and the
        // broker's 1 MB defaults, as a real fleet's day is
        String bootstrap = KafkaTestBroker.bootstrap();
        String suffix = KafkaTestBroker.uniqueTopic("big").substring(5);
        StreamOptions options = TestStreams.bounded(bootstrap, suffix, null, 2);
        KafkaTestBroker.createTopics(
                1,
                options.inputTopic(),
                options.summaryTopic(),
                options.messagesTopic(),
                options.eventsTopic(),
                options.deadLetterTopic(),
                options.reportTopic());
        int messages = 25_000;
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String time = String.format("%02d:%02d:%02d", 8 + i / 3600, (i / 60) % 60, i % 60);
            String qid = String.format("%010X", 0xA000000000L + i);
            lines.add(("Nov 20 " + time + " mail postfix/qmgr[7]: " + qid + ": from=<sender@example.com>, size=2000, "
                            + "nrcpt=1 (queue active)")
                    .getBytes(StandardCharsets.ISO_8859_1));
            lines.add(("Nov 20 " + time + " mail postfix/smtp[8]: " + qid + ": to=<user" + i + "@domain" + i
                            + ".example>, relay=mx.domain" + i
                            + ".example[192.0.2.1]:25, delay=0.5, delays=0.1/0/0.2/0.2, "
                            + "dsn=2.0.0, status=sent (250 ok)")
                    .getBytes(StandardCharsets.ISO_8859_1));
            lines.add(("Nov 20 " + time + " mail postfix/qmgr[7]: " + qid + ": removed")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        KafkaTestBroker.produceRoundRobin(options.inputTopic(), 1, lines);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        org.apache.flink.configuration.Configuration noRestarts = new org.apache.flink.configuration.Configuration();
        noRestarts.setString("restart-strategy.type", "none"); // a record the sink refuses fails the test at once
        env.configure(noRestarts);
        StreamJob.define(env, options, ReportOptions.defaults(TODAY));
        env.execute("large summary test");

        int largest = 0;
        JsonNode day = null;
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.summaryTopic())) {
            largest = Math.max(largest, r.value().length);
            JsonNode json = Json.mapper().readTree(r.value());
            if (json.get("host").asText().equals("mail")
                    && json.get("granularity").asText().equals("day")) {
                day = json;
            }
        }
        assertThat(largest).as("largest summary record, bytes").isGreaterThan(1024 * 1024);
        assertThat(day).as("the day's summary").isNotNull();
        assertThat(day.get("totals").get("delivered").asLong()).isEqualTo(messages);
    }

    /**
     * The incidents of a log whose truth is known, through Kafka: the records pflog.alerts gets are
     * the ones {@code report --format alerts} prints for the same lines, though the lines arrive
     * over two partitions and are read by two subtasks.
     */
    @Test
    void theAlertsTopicGetsTheIncidentsTheFileReportFinds(@TempDir Path dir) throws Exception {
        String bootstrap = KafkaTestBroker.bootstrap();
        String suffix = KafkaTestBroker.uniqueTopic("alerts").substring(5);
        StreamOptions options = TestStreams.bounded(bootstrap, suffix, dir.resolve("reports"), 2);
        KafkaTestBroker.createTopics(2, options.inputTopic());
        KafkaTestBroker.createTopics(1, options.alertsTopic());
        List<String> lines = io.pflogstream.alert.IncidentScenario.lines();
        KafkaTestBroker.produceRoundRobin(
                options.inputTopic(),
                2,
                lines.stream().map(l -> l.getBytes(StandardCharsets.ISO_8859_1)).toList());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamJob.define(env, options, ReportOptions.defaults(LocalDate.of(2026, 12, 2)));
        env.execute("alerts test");

        List<String> streamed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.alertsTopic())) {
            JsonNode a = Json.mapper().readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(a.get("rule").asText() + "|" + a.get("key").asText() + "|"
                            + java.time.LocalDateTime.parse(a.get("start").asText())
                                    .toInstant(java.time.ZoneOffset.UTC)
                                    .toEpochMilli());
            streamed.add(a.toString());
        }

        Path log = dir.resolve("mail.log");
        Files.write(log, lines, StandardCharsets.ISO_8859_1);
        var result = ReportRunner.run(
                StreamExecutionEnvironment.getExecutionEnvironment(),
                List.of(log.toString()),
                ReportOptions.defaults(LocalDate.of(2026, 12, 2)),
                d -> {},
                io.pflogstream.alert.Alerting.defaults());
        List<String> fromFile = result.alerts().stream()
                .map(a -> io.pflogstream.io.AlertJson.toJson(a, null).toString())
                .toList();
        assertThat(fromFile).hasSize(12);
        // one topic partition: the records of each incident in order; incidents of different keys may interleave
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(fromFile);
        for (String rule : List.of(
                "provider.rate-limit",
                "sasl.brute-force",
                "sasl.login-after-attack",
                "sasl.volume-after-attack",
                "queue.expiry-risk",
                "host.silent")) {
            assertThat(streamed.stream().filter(a -> a.contains("\"rule\":\"" + rule + "\"")))
                    .isEqualTo(fromFile.stream()
                            .filter(a -> a.contains("\"rule\":\"" + rule + "\""))
                            .toList());
        }

        // the report folder's overview: each host's day with links to its reports, the day's incidents
        // (mx3 logs no mail, only anvil and scache lines: it has no day report, only its silence)
        Path reports = dir.resolve("reports");
        String index = Files.readString(reports.resolve("index.html"));
        assertThat(index).doesNotContain("<th>mx3</th>");
        for (String host : List.of("fleet", "mx1", "mx2")) {
            assertThat(index).contains("<th>" + host + "</th>");
            assertThat(reports.resolve(host).resolve("2026-12-01.txt")).exists();
            assertThat(reports.resolve(host).resolve("2026-12-01.html")).exists();
            assertThat(index).contains("href=\"" + host + "/2026-12-01.html\"", "href=\"" + host + "/2026-12-01.txt\"");
        }
        List<JsonNode> last = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = fromFile.size() - 1; i >= 0; i--) { // each incident as it stood last
            JsonNode a = Json.mapper().readTree(fromFile.get(i));
            if (seen.add(a.get("rule").asText()
                    + a.get("key").asText()
                    + a.get("start").asText())) {
                last.add(a);
            }
        }
        assertThat(last).hasSize(6);
        for (JsonNode a : last) {
            assertThat(index)
                    .as(a.toString())
                    .contains("<tr><td>" + a.get("rule").asText() + "</td><td>"
                            + a.get("key").asText() + "</td><td>"
                            + String.join(" ", Json.mapper().convertValue(a.get("hosts"), String[].class)) + "</td>"
                            + "<td class=\"n\">" + a.get("start").asText().substring(11) + "</td>");
        }
    }

    private static void produce(StreamOptions options, String... lines) {
        KafkaTestBroker.produceRoundRobin(
                options.inputTopic(),
                1,
                java.util.Arrays.stream(lines)
                        .map(l -> l.getBytes(StandardCharsets.ISO_8859_1))
                        .toList());
    }

    /** Revision → rejects of host mail's hour 10, as committed to the summary topic so far. */
    private static Map<Integer, Long> hourTen(StreamOptions options) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.summaryTopic())) {
            JsonNode json = Json.mapper().readTree(r.value());
            if (json.get("host").asText().equals("mail")
                    && json.get("granularity").asText().equals("hour")
                    && json.get("start").asText().equals("2026-11-20T10:00:00")) {
                out.put(
                        json.get("revision").asInt(),
                        json.get("totals").get("rejected").asLong());
            }
        }
        return out;
    }

    private static List<JsonNode> lateLetters(StreamOptions options) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestBroker.readCommitted(options.deadLetterTopic())) {
            JsonNode json = Json.mapper().readTree(r.value());
            if (json.get("reason").asText().startsWith("late")) {
                out.add(json);
            }
        }
        return out;
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until the job's committed output satisfies {@code done}, for at most a minute. */
    private static <T> T waitFor(Probe<T> probe, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        T value = probe.get();
        while (!done.test(value) && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            value = probe.get();
        }
        return value;
    }

    /** Lines from minute {@code hhmm} on, as many as it takes to move a partition's clock past a jump. */
    private static String[] resumed(String hhmm) {
        String[] lines = new String[StreamJob.DataDrivenWatermarks.CONFIRMATIONS];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = reject(String.format("%s:%02d", hhmm, i));
        }
        return lines;
    }

    private static String reject(String time) {
        return "Nov 20 " + time + " mail postfix/smtpd[4242]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 "
                + "<x@elsewhere.example>: Relay access denied; from=<a@b.example> to=<x@elsewhere.example> proto=ESMTP helo=<h>";
    }
}
