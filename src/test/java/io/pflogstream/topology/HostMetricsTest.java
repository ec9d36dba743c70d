package io.pflogstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.alert.Alerting;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.job.ReportRunner;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics an operator watches, as the job registers them for Flink's reporters (Prometheus on
 * the cluster): per host, what the log's own lines say it received, delivered, deferred, bounced
 * and rejected; each host's lag behind the newest; open incidents by rule.
 */
class HostMetricsTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Pattern LINE = Pattern.compile(
            "^\\w{3} +\\d+ [\\d:]{8} (\\S+) postfix/([\\w/-]+)\\[\\d+\\]: (?:[0-9A-F]+: (client=|uid=)|.*(?:status=(sent|deferred|bounced) )|\\w+: (reject): )");

    /** A line of a message's life: host, queue ID, then what it says. */
    private static final Pattern MESSAGE_LINE = Pattern.compile(
            "^\\w{3} +\\d+ [\\d:]{8} (\\S+) postfix/[\\w/-]+\\[\\d+\\]: ([0-9A-F]+): (removed|client=|uid=|from=|to=)");

    @Test
    void eachHostsCountsAreWhatItsLinesSay(@TempDir Path dir) throws Exception {
        StringWriter log = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(7, 3, 1, 2000, LocalDate.of(2026, 11, 25), false, false), log)
                .withIncidents()
                .run();
        Path file = dir.resolve("mail.log");
        Files.writeString(file, log.toString(), StandardCharsets.ISO_8859_1);
        // the truth, from the lines: smtpd's client= and pickup's uid= lines are received messages
        Map<String, Long> expected = new TreeMap<>();
        for (String line : log.toString().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String what = m.group(3) != null
                    ? (m.group(3).equals("uid=") && !m.group(2).equals("pickup") ? null : "received")
                    : m.group(4) != null ? (m.group(4).equals("sent") ? "delivered" : m.group(4)) : "rejected";
            if (what != null) {
                expected.merge(m.group(1) + " " + what, 1L, Long::sum);
            }
        }
        assertThat(expected.keySet()).contains("mail rejected", "mx1 bounced", "mx2 received");
        // in flight at the end: messages with a client=, pickup, qmgr or delivery line and no removed
        Map<String, java.util.Set<String>> started = new TreeMap<>();
        java.util.Set<String> removed = new java.util.HashSet<>();
        for (String line : log.toString().split("\n")) {
            Matcher m = MESSAGE_LINE.matcher(line);
            if (m.find()) {
                if (m.group(3).equals("removed")) {
                    removed.add(m.group(1) + " " + m.group(2));
                } else {
                    started.computeIfAbsent(m.group(1), k -> new java.util.HashSet<>())
                            .add(m.group(1) + " " + m.group(2));
                }
            }
        }
        Map<String, Long> expectedInFlight = new TreeMap<>();
        started.forEach((host, ids) -> expectedInFlight.put(
                host, ids.stream().filter(id -> !removed.contains(id)).count()));
        assertThat(expectedInFlight.values()).anySatisfy(n -> assertThat(n).isPositive());

        ReportRunner.run(
                StreamExecutionEnvironment.getExecutionEnvironment(),
                List.of(file.toString()),
                ReportOptions.defaults(LocalDate.of(2026, 11, 27)),
                d -> {},
                Alerting.defaults());

        Map<String, Long> counted = new TreeMap<>();
        Map<String, Long> lag = new TreeMap<>();
        Map<String, Long> open = new TreeMap<>();
        Map<String, Long> inFlight = new TreeMap<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> labels = g.getKey().getAllVariables();
            for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                if (labels.containsKey("<mta>") && m.getValue() instanceof Counter c && c.getCount() > 0) {
                    counted.merge(labels.get("<mta>") + " " + m.getKey(), c.getCount(), Long::sum);
                } else if (labels.containsKey("<mta>") && m.getKey().equals("inFlight")) {
                    inFlight.merge(
                            labels.get("<mta>"),
                            ((Number) ((Gauge<?>) m.getValue()).getValue()).longValue(),
                            Long::sum);
                } else if (labels.containsKey("<mta>") && m.getKey().equals("eventTimeLagSeconds")) {
                    lag.put(labels.get("<mta>"), ((Number) ((Gauge<?>) m.getValue()).getValue()).longValue());
                } else if (labels.containsKey("<rule>") && m.getKey().equals("openIncidents")) {
                    open.put(labels.get("<rule>"), ((Number) ((Gauge<?>) m.getValue()).getValue()).longValue());
                }
            }
        }
        assertThat(counted).isEqualTo(expected);
        assertThat(inFlight).isEqualTo(expectedInFlight);
        assertThat(lag.keySet()).containsExactly("mail", "mx1", "mx2");
        assertThat(lag.values()).allSatisfy(v -> assertThat(v).isBetween(0L, 86_400L));
        // every incident of a whole day's log resolved by its end
        assertThat(open)
                .containsKeys("provider.rate-limit", "sasl.brute-force")
                .allSatisfy((rule, n) -> assertThat(n).as(rule).isZero());
    }
}
