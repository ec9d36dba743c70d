package io.pflogstream.topology;

import io.pflogstream.alert.Alert;
import io.pflogstream.alert.Alerting;
import io.pflogstream.alert.IncidentFunction;
import io.pflogstream.alert.ReplyRules;
import io.pflogstream.alert.Signal;
import io.pflogstream.alert.Signals;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.lifecycle.MessageLifecycleFunction;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.lifecycle.NeverIdleKeyedProcessOperator;
import io.pflogstream.lifecycle.SmtpdSessionFunction;
import io.pflogstream.parse.BatchUnpackFunction;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.parse.LineParseFunction;
import io.pflogstream.parse.ParsedBatch;
import io.pflogstream.parse.RawLine;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.summary.FleetShards;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.summary.LabelWindow;
import io.pflogstream.summary.LateRevisionTrigger;
import io.pflogstream.summary.PartialRunTotal;
import io.pflogstream.summary.RollUpFunction;
import io.pflogstream.summary.SummaryAggregate;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The whole dataflow, as a function of its input: parse → route → stitch (per message and per
 * smtpd session) → hourly summaries per host → hourly for the fleet, daily per host and for the
 * fleet (rolled up, never re-read) ({@link #define}); or, for one report over
 * files, the same front half folded into a whole-run summary without windows ({@link #defineRun}).
 * Sources and sinks are the caller's, so the batch command, the Kafka job and the tests share it.
 */
public final class PflogTopology {
    private PflogTopology() {}

    /** Facts that arrived after their hour closed and its allowed lateness ran out. */
    public static final OutputTag<HostFact> LATE_FACTS = new OutputTag<>("late-facts") {};

    /**
     * The streams a caller can attach sinks to. Every operator defined here runs, sink or not.
     *
     * @param hourly per host and hour, revised by late lines within the allowed lateness
     * @param fleetHourly all hosts per hour, rolled up from {@code hourly}
     * @param daily per host and day, rolled up from {@code hourly}
     * @param fleetDaily all hosts per day, rolled up from {@code fleetHourly}
     */
    public record Outputs(
            DataStream<HostSummary> hourly,
            DataStream<HostSummary> fleetHourly,
            DataStream<HostSummary> daily,
            DataStream<HostSummary> fleetDaily,
            DataStream<DeadLetter> deadLetters,
            DataStream<HostFact> lateFacts,
            DataStream<MessageRecord> lifecycleRecords,
            DataStream<PostfixEvent> securityEvents,
            DataStream<Alert> alerts) {}

    /** What the lines say, before any aggregation: facts per origin, and the side outputs. */
    private record Facts(
            DataStream<HostFact> standalone,
            DataStream<HostFact> messages,
            DataStream<HostFact> sessions,
            DataStream<DeadLetter> deadLetters,
            DataStream<MessageRecord> lifecycleRecords,
            DataStream<PostfixEvent> securityEvents,
            DataStream<Alert> alerts) {}

    /**
     * Summaries of a bounded run, for the report command: each stage that produces facts folds
     * them into one summary per subtask, chained to it, and emits it when the input ends. The
     * caller merges the few partial summaries (Summary merges are exact in any order). No
     * windows and no shuffle of facts: one report needs no hours or days as separate tables.
     * Not for checkpointed jobs: the partial summaries live outside Flink state.
     */
    public record RunOutputs(
            DataStream<HostSummary> partialTotals, DataStream<DeadLetter> deadLetters, DataStream<Alert> alerts) {}

    /**
     * @param batches the report's input, parsed in blocks and in file order (the file source's
     *     output), one subtask: the whole run is one chain of operators on one task thread, the keyed
     *     ones included, so no event is ever serialized
     */
    public static RunOutputs defineRun(DataStream<ParsedBatch> batches, ReportOptions options) {
        return defineRun(batches, options, null);
    }

    /** @param alerting the incident detectors' settings, or null to run none */
    public static RunOutputs defineRun(DataStream<ParsedBatch> batches, ReportOptions options, Alerting alerting) {
        SingleOutputStreamOperator<PostfixEvent> parsed = batches.process(new BatchUnpackFunction())
                .name("parse")
                .uid("parse")
                .setParallelism(1);
        // one lifecycle subtask: its facts come in line order, so the delay sums need not be kept
        Facts f = facts(parsed, options, true, alerting);
        DataStream<HostSummary> partials = partial(f.standalone(), "run-partial-standalone")
                .union(partial(f.messages(), "run-partial-messages"), partial(f.sessions(), "run-partial-sessions"));
        return new RunOutputs(partials, f.deadLetters(), f.alerts());
    }

    private static DataStream<HostSummary> partial(DataStream<HostFact> facts, String name) {
        // same parallelism, forward: chained to the operator that made the facts
        return facts.transform(name, TypeInformation.of(HostSummary.class), new PartialRunTotal())
                .setParallelism(facts.getParallelism())
                .uid(name);
    }

    /** The stream job's parse stage: chained to the source, one subtask per source subtask. */
    private static SingleOutputStreamOperator<PostfixEvent> parse(DataStream<RawLine> lines, ReportOptions options) {
        return lines.process(new LineParseFunction(options.read()))
                .name("parse")
                .uid("parse")
                .setParallelism(lines.getParallelism());
    }

    /**
     * @param parsed events in each key's line order, with dead letters as a side output
     * @param run a bounded run folded without windows (the report): the keyed operators run in the
     *     parse stage's one subtask, chained to it, and no record timestamps are needed; otherwise
     *     (the stream job) they run behind a shuffle with the environment's parallelism
     */
    private static Facts facts(
            SingleOutputStreamOperator<PostfixEvent> parsed, ReportOptions options, boolean run, Alerting alerting) {
        // watermark and route chained to the parse stage, one subtask per reader: each key's lines
        // must reach the stateful operators in the order they were read
        int readers = parsed.getParallelism();
        DataStream<PostfixEvent> events = parsed;
        // without watermarks event time stands still until the input ends: no idle state to expire
        boolean eventTimeAdvances = options.pipeline().sourceAssignsEventTime()
                || options.pipeline().maxOutOfOrderness() != null;
        // windows place records by their timestamps; a run without windows or watermarks reads none
        boolean needsTimestamps = !run || options.pipeline().maxOutOfOrderness() != null;
        if (!options.pipeline().sourceAssignsEventTime() && needsTimestamps) {
            WatermarkStrategy<PostfixEvent> watermarks = options.pipeline().maxOutOfOrderness() == null
                    ? WatermarkStrategy.noWatermarks()
                    : WatermarkStrategy.forBoundedOutOfOrderness(
                            options.pipeline().maxOutOfOrderness());
            events = parsed.assignTimestampsAndWatermarks(watermarks.withTimestampAssigner(
                            (e, previous) -> e.origin().time()))
                    .name("event-time")
                    .uid("event-time")
                    .setParallelism(readers);
        }

        SingleOutputStreamOperator<HostFact> standaloneFacts = events.process(new EventRouter(
                        options.print().exact(),
                        alerting == null ? null : new Signals(alerting.rules(), alerting.settings())))
                .name("route")
                .uid("route")
                .setParallelism(readers);

        SingleOutputStreamOperator<HostFact> messageFacts = keyed(
                        standaloneFacts.getSideOutput(EventRouter.MESSAGE_EVENTS), PflogTopology::messageKey, run)
                .transform(
                        "message-lifecycle",
                        TypeInformation.of(HostFact.class),
                        new MessageLifecycleFunction.Operator(new MessageLifecycleFunction(
                                options,
                                eventTimeAdvances,
                                alerting == null ? null : alerting.settings(),
                                // a user's providers, when the alert rules name some
                                alerting == null ? ReplyRules.defaults() : alerting.rules())))
                .uid("message-lifecycle");
        SingleOutputStreamOperator<HostFact> sessionFacts = keyed(
                        standaloneFacts.getSideOutput(EventRouter.SESSION_EVENTS), PflogTopology::sessionKey, run)
                .transform(
                        "smtpd-sessions",
                        TypeInformation.of(HostFact.class),
                        new NeverIdleKeyedProcessOperator<>(
                                new SmtpdSessionFunction(options.pipeline().daysStandAlone(), eventTimeAdvances)))
                .uid("smtpd-sessions");
        DataStream<Alert> alerts = null;
        if (alerting != null) {
            // the route stage's signals and the lifecycle's tallies of delivery attempts
            DataStream<Signal> routeSignals = standaloneFacts.getSideOutput(EventRouter.ALERT_SIGNALS);
            DataStream<Signal> signals = (run ? routeSignals : neverIdle(routeSignals, Signal::scope, "route-signals"))
                    .union(messageFacts.getSideOutput(MessageLifecycleFunction.ATTEMPT_TALLIES));
            SingleOutputStreamOperator<Alert> incidents = keyed(signals, Signal::scope, run)
                    .process(new IncidentFunction(alerting.settings()))
                    .returns(Alert.class)
                    .name("alert-incidents")
                    .uid("alert-incidents");
            if (run) {
                incidents.setParallelism(readers);
            }
            alerts = incidents;
        }
        if (run) {
            messageFacts.setParallelism(readers);
            sessionFacts.setParallelism(readers);
        }

        return new Facts(
                run ? standaloneFacts : neverIdle(standaloneFacts, HostFact::host, "route-facts"),
                messageFacts,
                sessionFacts,
                parsed.getSideOutput(LineParseFunction.DEAD_LETTERS),
                messageFacts.getSideOutput(MessageLifecycleFunction.LIFECYCLE_RECORDS),
                standaloneFacts.getSideOutput(EventRouter.SECURITY_EVENTS),
                alerts);
    }

    public static Outputs define(DataStream<RawLine> lines, ReportOptions options) {
        return define(lines, options, null);
    }

    /** @param alerting the incident detectors' settings, or null to run none */
    public static Outputs define(DataStream<RawLine> lines, ReportOptions options, Alerting alerting) {
        Facts f = facts(parse(lines, options), options, false, alerting);
        SingleOutputStreamOperator<HostSummary> hourly = f.standalone()
                .union(f.messages(), f.sessions())
                .keyBy(HostFact::host)
                .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .allowedLateness(options.pipeline().allowedLateness())
                .trigger(new LateRevisionTrigger(
                        options.pipeline().lateRevisionDelay().toMillis()))
                .sideOutputLateData(LATE_FACTS)
                .aggregate(new SummaryAggregate(), new LabelWindow())
                .name("hourly-summary")
                .uid("hourly-summary");

        DataStream<HostSummary> daily = rollUp(hourly, HostSummary.DAY, options, false, "daily-summary");
        DataStream<HostSummary> fleetHourly = fleetRollUp(hourly, HostSummary.HOUR, options, "fleet-hourly");
        // from the hosts' hours, not the fleet's: a fleet hour exists whole only while it is published
        DataStream<HostSummary> fleetDaily = fleetRollUp(hourly, HostSummary.DAY, options, "fleet-daily");

        return new Outputs(
                hourly,
                fleetHourly,
                daily,
                fleetDaily,
                f.deadLetters(),
                hourly.getSideOutput(LATE_FACTS),
                f.lifecycleRecords(),
                f.securityEvents(),
                f.alerts());
    }

    private static DataStream<HostSummary> rollUp(
            DataStream<HostSummary> parts, long size, ReportOptions options, boolean fleet, String name) {
        return rollUp(parts.keyBy(RollUpFunction.targetKey(size, fleet)), size, options, 0, name, name);
    }

    private static DataStream<HostSummary> rollUp(
            KeyedStream<HostSummary, String> parts,
            long size,
            ReportOptions options,
            int rowLimit,
            String name,
            String uid) {
        return parts.process(new RollUpFunction(
                        size,
                        options.pipeline().allowedLateness().toMillis(),
                        options.pipeline().lateRevisionDelay().toMillis(),
                        rowLimit))
                .name(name)
                .uid(uid);
    }

    /** Hosts' parts → the fleet's window: sliced by row, rolled up per shard, merged at the close. */
    private static DataStream<HostSummary> fleetRollUp(
            DataStream<HostSummary> hostParts, long size, ReportOptions options, String name) {
        int shards = options.pipeline().fleetShards();
        // each shard publishes its top rows only: the merge then holds shards × rows per table
        int rows = options.pipeline().fleetRows();
        DataStream<HostSummary> slices = hostParts
                .flatMap(FleetShards.split(shards))
                .returns(HostSummary.class)
                .name(name + "-slices")
                .uid(name + "-slices");
        DataStream<HostSummary> shardSums = rollUp(
                slices.keyBy(FleetShards.shardKey(size)), size, options, rows, name + "-shards", name + "-shards");
        // not the uid of the unsharded roll-up it replaces, whose state (whole parts) this one
        // would add to its shards' slices: a savepoint holding that is refused, not misread
        return rollUp(
                shardSums.keyBy(RollUpFunction.targetKey(size, true)),
                size,
                options,
                rows,
                name + "-summary",
                name + "-merge");
    }

    /**
     * The route stage's records, on their way to an operator that also reads the lifecycle's or
     * the sessions' output, through a keyed hop whose output never declares itself idle. A route
     * subtask goes idle with its Kafka partition and resumes with a burst. The lifecycle, fed by
     * the same burst, can carry the burst's watermark to the shared operator while the route's own
     * channel there still counts as idle (its first buffer not yet flushed); the shared operator's
     * watermark then passes the burst's first hours before their facts arrive, and drops them as
     * late. This fits what the soak test once saw: a day's first nine hours of rejects lost, its
     * lifecycle facts whole. Behind this hop every input of the hourly windows and of the incident
     * detector stays active and holds them at its own watermark, while the hop's own input skips
     * an idle route subtask (a partition quiet for good holds nothing back).
     */
    private static <T> DataStream<T> neverIdle(DataStream<T> records, KeySelector<T, String> key, String name) {
        return records.keyBy(key, Types.STRING)
                .transform(name, records.getType(), new NeverIdleKeyedProcessOperator<>(new PassOn<T>()))
                .uid(name);
    }

    /** Passes each record on, with its timestamp. */
    private static final class PassOn<T>
            extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<String, T, T> {
        @Override
        public void processElement(T value, Context ctx, org.apache.flink.util.Collector<T> out) {
            out.collect(value);
        }
    }

    /**
     * A stream keyed for a stateful operator. Chained: the stream already is in the one subtask
     * that holds every key (parallelism 1), so it is declared keyed and stays on its thread.
     */
    private static <T> KeyedStream<T, String> keyed(DataStream<T> events, KeySelector<T, String> key, boolean chained) {
        if (chained) {
            if (events.getParallelism() != 1) {
                throw new IllegalArgumentException("chained keyed operators need one subtask");
            }
            return DataStreamUtils.reinterpretAsKeyedStream(events, key, Types.STRING);
        }
        return events.keyBy(key, Types.STRING);
    }

    static String messageKey(MessageEvent e) {
        return e.origin().host() + ' ' + e.queueId();
    }

    static String sessionKey(PostfixEvent e) {
        String pid = e instanceof PostfixEvent.SmtpdConnect c ? c.pid() : ((PostfixEvent.SmtpdDisconnect) e).pid();
        return e.origin().host() + ' ' + pid;
    }
}
