package io.pflogstream.job;

import io.pflogstream.alert.Alert;
import io.pflogstream.alert.Alerting;
import io.pflogstream.config.PipelineOptions;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import io.pflogstream.io.AlertJson;
import io.pflogstream.io.DayReport;
import io.pflogstream.io.KafkaLineDeserializer;
import io.pflogstream.io.KafkaSinks;
import io.pflogstream.io.Pseudonymizer;
import io.pflogstream.io.RecordLimit;
import io.pflogstream.io.ReportDirectory;
import io.pflogstream.io.SiemJson;
import io.pflogstream.io.SummaryJson;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.parse.RawLine;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.topology.PflogTopology;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The fleet job: Kafka lines in; summaries, day reports, message lifecycles, security events and
 * dead letters out, exactly once. The topology is the batch command's, with event time taken per
 * Kafka partition (so a quiet partition goes idle instead of holding windows back), lines of a
 * message re-ordered by event time, and late lines revising closed windows.
 */
public final class StreamJob {
    private StreamJob() {}

    public static void define(StreamExecutionEnvironment env, StreamOptions stream, ReportOptions report) {
        define(env, stream, report, null);
    }

    /** @param pseudonyms what to pseudonymize on the SIEM topics (messages, events), or null for nothing */
    public static void define(
            StreamExecutionEnvironment env, StreamOptions stream, ReportOptions report, Pseudonymizer pseudonyms) {
        define(env, stream, report, pseudonyms, Alerting.defaults());
    }

    /**
     * @param pseudonyms what to pseudonymize on the SIEM topics (messages, events, alerts), or null
     * @param alerting the incident detectors' rules and thresholds, or null to run none (no
     *     pflog.alerts)
     */
    public static void define(
            StreamExecutionEnvironment env,
            StreamOptions stream,
            ReportOptions report,
            Pseudonymizer pseudonyms,
            Alerting alerting) {
        env.enableCheckpointing(stream.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // chained operators share a record instead of copying it (a lifecycle record with its
        // recipients was deep-copied on its way to the sink): lines, events and facts are immutable,
        // and the operators that emit a summary or record from their state hand it only to sinks
        // and maps that encode it at once, never keep it
        env.getConfig().enableObjectReuse();
        ReportOptions options = report.withPipeline(streaming(stream, report.pipeline()));

        KafkaSource<RawLine> source = kafkaSource(stream, options);
        long bound = stream.maxOutOfOrderness().toMillis();
        WatermarkStrategy<RawLine> watermarks = WatermarkStrategy.<RawLine>forGenerator(
                        ctx -> new DataDrivenWatermarks(bound))
                .withTimestampAssigner((line, recordTimestamp) -> line.eventTime());
        if (!stream.bounded()) {
            // a partition quiet for this long stops holding windows back. Not for a bounded
            // backfill: there a partition whose first fetch is slow would be declared idle and
            // its lines, arriving later, would all be late.
            watermarks = watermarks.withIdleness(stream.idleness());
        }
        DataStream<RawLine> lines =
                env.fromSource(source, watermarks, "kafka-lines").uid("kafka-lines");

        PflogTopology.Outputs out = PflogTopology.define(lines, options, alerting);

        DataStream<HostSummary> summaries = out.hourly().union(out.fleetHourly(), out.daily(), out.fleetDaily());
        // a summary or report too large for a record is cut to its top rows until it fits
        RecordLimit recordLimit = RecordLimit.of(stream);
        KafkaSinks.attach(
                summaries,
                stream.summaryTopic(),
                KafkaSinks.encoder(
                        (HostSummary h) -> h.host() + "|" + h.granularity() + "|" + SummaryJson.wallClock(h.start()),
                        (HostSummary h) -> SummaryJson.toBytesWithin(h, recordLimit)),
                stream,
                "summary-sink");

        DataStream<DayReport> dayReports = out.daily()
                .union(out.fleetDaily())
                .map(h -> DayReport.of(h, options, recordLimit))
                .name("day-report")
                .uid("day-report");
        KafkaSinks.attach(
                dayReports,
                stream.reportTopic(),
                KafkaSinks.encoder((DayReport r) -> r.host() + "|" + r.date(), DayReport::topicBytes),
                stream,
                "report-sink");
        if (stream.reportDir() != null) {
            attachReportDirectory(out, stream.reportDir(), options);
        }

        KafkaSinks.attach(
                out.lifecycleRecords(),
                stream.messagesTopic(),
                KafkaSinks.encoder(
                        (MessageRecord m) -> m.host() + "|" + m.queueId(),
                        (MessageRecord m) -> SiemJson.message(m, pseudonyms)),
                stream,
                "messages-sink");
        KafkaSinks.attach(
                out.securityEvents(),
                stream.eventsTopic(),
                KafkaSinks.encoder(
                        (PostfixEvent e) -> e.origin().host(),
                        (PostfixEvent e) -> SiemJson.securityEvent(e, pseudonyms)),
                stream,
                "events-sink");

        if (out.alerts() != null) {
            attachAlerts(out.alerts(), stream, pseudonyms);
        }

        DataStream<DeadLetter> dead = out.deadLetters()
                .union(out.lateFacts()
                        .map(StreamJob::lateLetter)
                        .name("late-lines")
                        .uid("late-lines"));
        KafkaSinks.attach(
                dead,
                stream.deadLetterTopic(),
                KafkaSinks.encoder((DeadLetter d) -> d.source(), SiemJson::deadLetter),
                stream,
                "deadletter-sink");
    }

    /** The day reports as files and the fleet overview beside them, by one writer (see {@link ReportDirectory}). */
    private static void attachReportDirectory(PflogTopology.Outputs out, String dir, ReportOptions options) {
        TypeInformation<Either<HostSummary, Alert>> type =
                new EitherTypeInfo<>(TypeInformation.of(HostSummary.class), TypeInformation.of(Alert.class));
        DataStream<Either<HostSummary, Alert>> days = out.daily()
                .union(out.fleetDaily())
                .map(h -> Either.<HostSummary, Alert>Left(h))
                .returns(type)
                .name("report-days")
                .uid("report-days");
        if (out.alerts() != null) {
            days = days.union(out.alerts()
                    .map(a -> Either.<HostSummary, Alert>Right(a))
                    .returns(type)
                    .name("report-incidents")
                    .uid("report-incidents"));
        }
        days.sinkTo(new ReportDirectory(dir, options))
                .setParallelism(1)
                .name("report-files")
                .uid("report-files");
    }

    private static void attachAlerts(DataStream<Alert> alerts, StreamOptions stream, Pseudonymizer pseudonyms) {
        KafkaSinks.attach(
                alerts,
                stream.alertsTopic(),
                KafkaSinks.encoder((Alert a) -> a.incidentId(), (Alert a) -> AlertJson.toBytes(a, pseudonyms)),
                stream,
                "alerts-sink");
    }

    private static DeadLetter lateLetter(HostFact f) {
        return new DeadLetter(
                f.host(),
                f.fact().time(),
                f.fact().toString(),
                "late: its hour had closed and the allowed lateness had passed");
    }

    /**
     * How the stream job runs: event time from the Kafka source, lateness from the stream's
     * options, message lines re-ordered by event time, lifecycle records, days that stand alone;
     * how long messages are remembered, whether a removed one is, and how late revisions are
     * gathered, as the caller said. A lateness or bound set on the report's pipeline as well is
     * refused rather than silently replaced.
     */
    static PipelineOptions streaming(StreamOptions stream, PipelineOptions asked) {
        if (asked.maxOutOfOrderness() != null && !asked.maxOutOfOrderness().equals(stream.maxOutOfOrderness())) {
            throw new IllegalArgumentException("the stream job takes its out-of-orderness from StreamOptions ("
                    + stream.maxOutOfOrderness() + "), not " + asked.maxOutOfOrderness());
        }
        if (!asked.allowedLateness().isZero() && !asked.allowedLateness().equals(stream.allowedLateness())) {
            throw new IllegalArgumentException("the stream job takes its allowed lateness from StreamOptions ("
                    + stream.allowedLateness() + "), not " + asked.allowedLateness());
        }
        return new PipelineOptions(
                asked.messageTtl(),
                asked.forgetRemovedMessages(),
                stream.maxOutOfOrderness(),
                stream.allowedLateness(),
                asked.lateRevisionDelay(),
                true,
                true,
                true,
                true,
                asked.fleetShards(),
                asked.fleetRows(),
                asked.delayPercentiles());
    }

    static KafkaSource<RawLine> kafkaSource(StreamOptions stream, ReportOptions options) {
        Properties consumer = new Properties();
        consumer.putAll(stream.kafkaProperties());
        consumer.putIfAbsent("isolation.level", "read_committed");
        var builder = KafkaSource.<RawLine>builder()
                .setBootstrapServers(stream.bootstrapServers())
                .setTopics(stream.inputTopic())
                .setGroupId(stream.groupId())
                .setProperties(consumer)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaLineDeserializer(stream.envelope(), options));
        if (stream.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Bounded out-of-orderness, but emitted as soon as the log's clock moves on, not on a
     * processing-time tick: which line is late then depends on the data alone, not on how fast a
     * backlog happened to be read.
     *
     * <p>A line more than {@link #JUMP_MILLIS} ahead of the partition's clock moves it only when the
     * {@link #CONFIRMATIONS} lines after it are ahead too (the log resumed after a quiet spell): a
     * lone line with a wrong stamp (a corrupted digit, a spliced line) would otherwise make every
     * line after it late. The lone line itself is counted at its own time, as pflogsumm would.
     */
    static final class DataDrivenWatermarks implements WatermarkGenerator<RawLine> {
        static final long JUMP_MILLIS = 3_600_000L;
        static final int CONFIRMATIONS = 10;

        private final long bound;
        private long maxTimestamp = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;
        /** Lines in a row ahead by more than the jump, and the earliest of them. */
        private int ahead;

        private long earliestAhead;

        DataDrivenWatermarks(long bound) {
            this.bound = bound;
        }

        @Override
        public void onEvent(RawLine line, long timestamp, WatermarkOutput output) {
            if (timestamp == Long.MIN_VALUE) {
                return; // no stamp: junk on its way to the dead-letter topic
            }
            if (maxTimestamp != Long.MIN_VALUE && timestamp > maxTimestamp + JUMP_MILLIS) {
                earliestAhead = ahead == 0 ? timestamp : Math.min(earliestAhead, timestamp);
                if (++ahead < CONFIRMATIONS) {
                    return;
                }
                timestamp = earliestAhead;
            }
            ahead = 0;
            if (timestamp > maxTimestamp) {
                maxTimestamp = timestamp;
                emit(output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            emit(output);
        }

        private void emit(WatermarkOutput output) {
            if (maxTimestamp == Long.MIN_VALUE) {
                return;
            }
            long watermark = maxTimestamp - bound - 1;
            if (watermark > emitted) {
                emitted = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }
    }
}
