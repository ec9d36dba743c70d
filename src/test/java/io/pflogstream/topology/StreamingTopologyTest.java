package io.pflogstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.parse.RawLine;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream job's topology without Kafka: lines from memory, stamped as the Kafka source stamps
 * them, with a watermark right behind every line, through {@link PflogTopology#define}. What the
 * windows publish is then fixed by the input alone: an hour's first revision when the watermark
 * passes it, a revision for a line late within the allowed lateness, the late output beyond it,
 * the day and fleet roll-ups, the dead letters and the lifecycle records.
 */
class StreamingTopologyTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void windowsRevisionsLateOutputAndRollUps() throws Exception {
        List<String> log = new ArrayList<>();
        log.add(
                "Nov 20 10:00:00 mail postfix/qmgr[7]: 4F2A1C00D1: from=<bob@example.com>, size=2000, nrcpt=1 (queue active)");
        log.add(
                "Nov 20 10:00:01 mail postfix/smtp[8]: 4F2A1C00D1: to=<ann@example.org>, relay=mx.example.org[192.0.2.1]:25, "
                        + "delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 ok)");
        log.add("Nov 20 10:00:01 mail postfix/qmgr[7]: 4F2A1C00D1: removed");
        for (int s = 1; s <= 5; s++) {
            log.add(reject("10:00:0" + s));
        }
        log.add("this line is not syslog at all");
        log.add(reject("11:30:00")); // the watermark passes 11:00: hour 10 is published, revision 1
        log.add(reject("10:30:00")); // late, within the hour of lateness: hour 10's revision 2
        log.add(reject("12:30:00")); // the watermark passes 12:00 (hour 10's end plus the lateness)
        log.add(reject("10:40:00")); // too late: the late output, not counted

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING); // a bounded input would otherwise run as a batch
        ReportOptions options = ReportOptions.builder(TODAY)
                .maxOutOfOrderness(Duration.ZERO)
                .allowedLateness(Duration.ofHours(1))
                .lateRevisionDelay(Duration.ZERO)
                .reorderByEventTime(true)
                .lifecycleRecords(true)
                .sourceAssignsEventTime(true)
                .daysStandAlone(true)
                .build();
        SyslogEnvelopeParser envelopes = new SyslogEnvelopeParser(options.read());
        List<RawLine> lines = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            lines.add(new RawLine("memory/0", i, log.get(i), null, envelopes.parse(log.get(i), i)));
        }
        GATES.clear();
        for (String late : List.of(reject("10:30:00"), reject("12:30:00"), reject("10:40:00"))) {
            GATES.put(late, new CountDownLatch(1));
        }
        DataStream<RawLine> source = env.fromData(lines, TypeInformation.of(RawLine.class))
                .map(new WaitAtGates())
                .returns(TypeInformation.of(RawLine.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<RawLine>forGenerator(ctx -> new RightBehind())
                        .withTimestampAssigner((line, previous) -> line.eventTime()));

        PflogTopology.Outputs out = PflogTopology.define(source, options);
        CloseableIterator<HostSummary> hourly = out.hourly().collectAsync();
        CloseableIterator<HostSummary> fleetHourly = out.fleetHourly().collectAsync();
        CloseableIterator<HostSummary> daily = out.daily().collectAsync();
        CloseableIterator<HostSummary> fleetDaily = out.fleetDaily().collectAsync();
        CloseableIterator<DeadLetter> dead = out.deadLetters().collectAsync();
        CloseableIterator<HostFact> late = out.lateFacts().collectAsync();
        CloseableIterator<MessageRecord> messages = out.lifecycleRecords().collectAsync();
        JobClient job = env.executeAsync("streaming topology test");

        // each late line goes in once the windows have seen the lines before it: the watermark
        // reaches a window by every path of the dataflow (lines, messages, sessions), each at its
        // own pace, so only what the windows published says where it stands
        List<HostSummary> hourlyOut = new ArrayList<>();
        readUntil(hourly, hourlyOut, h -> hour(h).equals("2026-11-20T10:00:00") && h.revision() == 1);
        GATES.get(reject("10:30:00")).countDown();
        readUntil(hourly, hourlyOut, h -> hour(h).equals("2026-11-20T10:00:00") && h.revision() == 2);
        GATES.get(reject("12:30:00")).countDown();
        readUntil(hourly, hourlyOut, h -> hour(h).equals("2026-11-20T11:00:00")); // hour 10 is forgotten with it
        GATES.get(reject("10:40:00")).countDown();
        hourly.forEachRemaining(hourlyOut::add);
        job.getJobExecutionResult().get();

        // hour 10 of host mail: revision → rejects
        Map<Integer, Long> hourTen = new TreeMap<>();
        Map<String, Long> lastRejectsPerHour = new TreeMap<>();
        for (HostSummary h : hourlyOut) {
            if (hour(h).equals("2026-11-20T10:00:00")) {
                hourTen.put(h.revision(), h.summary().rejected);
            }
            lastRejectsPerHour.put(h.host() + " " + hour(h), h.summary().rejected);
        }
        assertThat(hourTen).containsExactly(Map.entry(1, 5L), Map.entry(2, 6L));
        assertThat(lastRejectsPerHour)
                .containsExactly(
                        Map.entry("mail 2026-11-20T10:00:00", 6L),
                        Map.entry("mail 2026-11-20T11:00:00", 1L),
                        Map.entry("mail 2026-11-20T12:00:00", 1L));

        // the roll-ups: the fleet's hours are the one host's; the day holds the last revision of each hour
        Map<String, Long> fleetHours = new TreeMap<>();
        fleetHourly.forEachRemaining(
                h -> fleetHours.put(io.pflogstream.io.SummaryJson.wallClock(h.start()), h.summary().rejected));
        assertThat(fleetHours).containsEntry("2026-11-20T10:00:00", 6L).containsEntry("2026-11-20T12:00:00", 1L);
        List<HostSummary> days = new ArrayList<>();
        daily.forEachRemaining(days::add);
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.host()).isEqualTo("mail");
            assertThat(d.summary().rejected).isEqualTo(8);
            assertThat(d.summary().delivered).isEqualTo(1);
        });
        List<HostSummary> fleetDays = new ArrayList<>();
        fleetDaily.forEachRemaining(fleetDays::add);
        assertThat(fleetDays).singleElement().satisfies(d -> {
            assertThat(d.host()).isEqualTo(HostSummary.FLEET);
            assertThat(d.summary().rejected).isEqualTo(8);
        });

        // what could not be counted: the junk line, and the line later than the lateness
        List<DeadLetter> deadLetters = new ArrayList<>();
        dead.forEachRemaining(deadLetters::add);
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo("this line is not syslog at all");
            assertThat(d.reason()).isNotBlank();
        });
        List<HostFact> lateFacts = new ArrayList<>();
        late.forEachRemaining(lateFacts::add);
        assertThat(lateFacts)
                .singleElement()
                .satisfies(f -> assertThat(
                                io.pflogstream.io.SummaryJson.wallClock(f.fact().time()))
                        .isEqualTo("2026-11-20T10:40:00"));

        List<MessageRecord> records = new ArrayList<>();
        messages.forEachRemaining(records::add);
        assertThat(records).singleElement().satisfies(m -> {
            assertThat(m.queueId()).isEqualTo("4F2A1C00D1");
            assertThat(m.sender()).isEqualTo("bob@example.com");
        });
    }

    private static String hour(HostSummary h) {
        return io.pflogstream.io.SummaryJson.wallClock(h.start());
    }

    private static void readUntil(
            CloseableIterator<HostSummary> it, List<HostSummary> into, java.util.function.Predicate<HostSummary> seen) {
        while (it.hasNext()) {
            HostSummary h = it.next();
            into.add(h);
            if (seen.test(h)) {
                return;
            }
        }
        throw new AssertionError("the job ended before publishing what the test waited for; it published " + into);
    }

    /** Lines held back until the test opens their gate (the job runs in this JVM's MiniCluster). */
    private static final Map<String, CountDownLatch> GATES = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class WaitAtGates implements MapFunction<RawLine, RawLine> {
        @Override
        public RawLine map(RawLine line) throws Exception {
            CountDownLatch gate = GATES.get(line.text());
            if (gate != null && !gate.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate of " + line.text());
            }
            return line;
        }
    }

    private static String reject(String time) {
        return "Nov 20 " + time + " mail postfix/smtpd[4242]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 "
                + "<x@elsewhere.example>: Relay access denied; from=<a@b.example> to=<x@elsewhere.example> proto=ESMTP helo=<h>";
    }

    /** A watermark right behind every line: what is late follows from the input alone. */
    private static final class RightBehind implements WatermarkGenerator<RawLine> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(RawLine line, long timestamp, WatermarkOutput output) {
            if (timestamp > max) {
                max = timestamp;
                output.emitWatermark(new Watermark(max - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
