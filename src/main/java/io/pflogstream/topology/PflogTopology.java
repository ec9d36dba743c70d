package io.pflogstream.topology;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.io.DeadLetter;
import io.pflogstream.io.RawLine;
import io.pflogstream.lifecycle.MessageLifecycleFunction;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.lifecycle.SmtpdSessionFunction;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.summary.LabelWindow;
import io.pflogstream.summary.PartialRunTotal;
import io.pflogstream.summary.RollUpFunction;
import io.pflogstream.summary.RunTotalFunction;
import io.pflogstream.summary.SummaryAggregate;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The whole dataflow, as a function of its input: parse → route → stitch (per message and per
 * smtpd session) → hourly summaries per host → hourly for the fleet, daily per host and for the
 * fleet (rolled up, never re-read), and the run's total ({@link #define}); or, for one report over
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
     * @param runTotal all hosts over the whole (bounded) input
     */
    public record Outputs(
            DataStream<HostSummary> hourly,
            DataStream<HostSummary> fleetHourly,
            DataStream<HostSummary> daily,
            DataStream<HostSummary> fleetDaily,
            DataStream<HostSummary> runTotal,
            DataStream<DeadLetter> deadLetters,
            DataStream<HostFact> lateFacts,
            DataStream<MessageRecord> lifecycleRecords,
            DataStream<PostfixEvent> securityEvents) {}

    /** What the lines say, before any aggregation: facts per origin, and the side outputs. */
    private record Facts(
            DataStream<HostFact> standalone,
            DataStream<HostFact> messages,
            DataStream<HostFact> sessions,
            DataStream<DeadLetter> deadLetters,
            DataStream<MessageRecord> lifecycleRecords,
            DataStream<PostfixEvent> securityEvents) {}

    /**
     * Summaries of a bounded run, for the report command: each stage that produces facts folds
     * them into one summary per subtask, chained to it, and emits it when the input ends. The
     * caller merges the few partial summaries (Summary merges are exact in any order). No
     * windows and no shuffle of facts: one report needs no hours or days as separate tables.
     * Not for checkpointed jobs: the partial summaries live outside Flink state.
     */
    public record RunOutputs(DataStream<HostSummary> partialTotals, DataStream<DeadLetter> deadLetters) {}

    public static RunOutputs defineRun(DataStream<RawLine> lines, ReportOptions options) {
        // one lifecycle subtask: its facts come in line order, so the delay sums need not be kept
        Facts f = facts(lines, options, 1);
        DataStream<HostSummary> partials = partial(f.standalone(), "run-partial-standalone")
                .union(partial(f.messages(), "run-partial-messages"), partial(f.sessions(), "run-partial-sessions"));
        return new RunOutputs(partials, f.deadLetters());
    }

    private static DataStream<HostSummary> partial(DataStream<HostFact> facts, String name) {
        // same parallelism, forward: chained to the operator that made the facts
        return facts.transform(name, TypeInformation.of(HostSummary.class), new PartialRunTotal())
                .setParallelism(facts.getParallelism()).uid(name);
    }

    /** @param statefulParallelism subtasks of the keyed operators, or -1 for the environment's */
    private static Facts facts(DataStream<RawLine> lines, ReportOptions options, int statefulParallelism) {
        // parse, watermark and route chained to the source, one subtask per source subtask: each
        // key's lines must reach the stateful operators in the order they were read
        int readers = lines.getParallelism();
        SingleOutputStreamOperator<PostfixEvent> parsed = lines
                .process(new LineParseFunction(options)).name("parse").uid("parse").setParallelism(readers);

        DataStream<PostfixEvent> events = parsed;
        if (!options.sourceAssignsEventTime()) {
            WatermarkStrategy<PostfixEvent> watermarks = options.maxOutOfOrderness() == null
                    ? WatermarkStrategy.noWatermarks()
                    : WatermarkStrategy.forBoundedOutOfOrderness(options.maxOutOfOrderness());
            events = parsed.assignTimestampsAndWatermarks(
                            watermarks.withTimestampAssigner((e, previous) -> e.origin().time()))
                    .name("event-time").uid("event-time").setParallelism(readers);
        }

        SingleOutputStreamOperator<HostFact> standaloneFacts =
                events.process(new EventRouter(options.exact())).name("route").uid("route").setParallelism(readers);

        SingleOutputStreamOperator<HostFact> messageFacts = standaloneFacts.getSideOutput(EventRouter.MESSAGE_EVENTS)
                .keyBy(PflogTopology::messageKey)
                .process(new MessageLifecycleFunction(options)).name("message-lifecycle").uid("message-lifecycle");
        if (statefulParallelism > 0) {
            messageFacts.setParallelism(statefulParallelism);
        }

        SingleOutputStreamOperator<HostFact> sessionFacts = standaloneFacts.getSideOutput(EventRouter.SESSION_EVENTS)
                .keyBy(PflogTopology::sessionKey)
                .process(new SmtpdSessionFunction(options.daysStandAlone())).name("smtpd-sessions").uid("smtpd-sessions");
        if (statefulParallelism > 0) {
            sessionFacts.setParallelism(statefulParallelism);
        }

        return new Facts(standaloneFacts, messageFacts, sessionFacts, parsed.getSideOutput(LineParseFunction.DEAD_LETTERS),
                messageFacts.getSideOutput(MessageLifecycleFunction.LIFECYCLE_RECORDS),
                standaloneFacts.getSideOutput(EventRouter.SECURITY_EVENTS));
    }

    public static Outputs define(DataStream<RawLine> lines, ReportOptions options) {
        Facts f = facts(lines, options, -1);
        SingleOutputStreamOperator<HostSummary> hourly = f.standalone().union(f.messages(), f.sessions())
                .keyBy(HostFact::host)
                .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .allowedLateness(options.allowedLateness())
                .sideOutputLateData(LATE_FACTS)
                .aggregate(new SummaryAggregate(), new LabelWindow()).name("hourly-summary").uid("hourly-summary");

        long lateness = options.allowedLateness().toMillis();
        DataStream<HostSummary> fleetHourly = rollUp(hourly, HostSummary.HOUR, lateness, true, "fleet-hourly-summary");
        DataStream<HostSummary> daily = rollUp(hourly, HostSummary.DAY, lateness, false, "daily-summary");
        DataStream<HostSummary> fleetDaily = rollUp(fleetHourly, HostSummary.DAY, lateness, true, "fleet-daily-summary");

        DataStream<HostSummary> runTotal = hourly
                .keyBy(h -> HostSummary.FLEET)
                .process(new RunTotalFunction()).name("run-total").uid("run-total");

        return new Outputs(hourly, fleetHourly, daily, fleetDaily, runTotal, f.deadLetters(),
                hourly.getSideOutput(LATE_FACTS), f.lifecycleRecords(), f.securityEvents());
    }

    private static DataStream<HostSummary> rollUp(
            DataStream<HostSummary> parts, long size, long lateness, boolean fleet, String name) {
        return parts.keyBy(RollUpFunction.targetKey(size, fleet))
                .process(new RollUpFunction(size, lateness, fleet)).name(name).uid(name);
    }

    static String messageKey(MessageEvent e) {
        return e.origin().host() + ' ' + e.queueId();
    }

    static String sessionKey(PostfixEvent e) {
        String pid = e instanceof PostfixEvent.SmtpdConnect c ? c.pid() : ((PostfixEvent.SmtpdDisconnect) e).pid();
        return e.origin().host() + ' ' + pid;
    }
}
