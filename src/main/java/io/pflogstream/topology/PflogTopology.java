package io.pflogstream.topology;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.io.DeadLetter;
import io.pflogstream.io.RawLine;
import io.pflogstream.lifecycle.MessageLifecycleFunction;
import io.pflogstream.lifecycle.SmtpdSessionFunction;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.summary.LabelWindow;
import io.pflogstream.summary.RunTotalFunction;
import io.pflogstream.summary.SummaryAggregate;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The whole dataflow, as a function of its input: parse → route → stitch (per message and per
 * smtpd session) → hourly summaries per host → daily summaries per host and the run's total.
 * Sources and sinks are the caller's, so the batch command, the Kafka job and the tests share it.
 */
public final class PflogTopology {
    private PflogTopology() {}

    /** The streams a caller can attach sinks to. */
    public record Outputs(
            DataStream<HostSummary> hourly,
            DataStream<HostSummary> daily,
            DataStream<HostSummary> runTotal,
            DataStream<DeadLetter> deadLetters) {}

    public static Outputs define(DataStream<RawLine> lines, ReportOptions options) {
        // parse, watermark and route chained to the source, one subtask per source subtask: each
        // key's lines must reach the stateful operators in the order they were read
        int readers = lines.getParallelism();
        SingleOutputStreamOperator<PostfixEvent> parsed = lines
                .process(new LineParseFunction(options)).name("parse").uid("parse").setParallelism(readers);

        WatermarkStrategy<PostfixEvent> watermarks = options.maxOutOfOrderness() == null
                ? WatermarkStrategy.noWatermarks()
                : WatermarkStrategy.forBoundedOutOfOrderness(options.maxOutOfOrderness());
        DataStream<PostfixEvent> events = parsed.assignTimestampsAndWatermarks(
                        watermarks.withTimestampAssigner((e, previous) -> e.origin().time()))
                .name("event-time").uid("event-time").setParallelism(readers);

        SingleOutputStreamOperator<HostFact> standaloneFacts =
                events.process(new EventRouter()).name("route").uid("route").setParallelism(readers);

        DataStream<HostFact> messageFacts = standaloneFacts.getSideOutput(EventRouter.MESSAGE_EVENTS)
                .keyBy(PflogTopology::messageKey)
                .process(new MessageLifecycleFunction(options)).name("message-lifecycle").uid("message-lifecycle");

        DataStream<HostFact> sessionFacts = standaloneFacts.getSideOutput(EventRouter.SESSION_EVENTS)
                .keyBy(PflogTopology::sessionKey)
                .process(new SmtpdSessionFunction()).name("smtpd-sessions").uid("smtpd-sessions");

        DataStream<HostSummary> hourly = standaloneFacts.union(messageFacts, sessionFacts)
                .keyBy(HostFact::host)
                .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .aggregate(new SummaryAggregate(), new LabelWindow()).name("hourly-summary").uid("hourly-summary");

        DataStream<HostSummary> daily = hourly
                .keyBy(HostSummary::host)
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                .reduce(HostSummary::absorb).name("daily-summary").uid("daily-summary");

        DataStream<HostSummary> runTotal = hourly
                .keyBy(h -> HostSummary.FLEET)
                .process(new RunTotalFunction()).name("run-total").uid("run-total");

        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(LineParseFunction.MALFORMED)
                .union(standaloneFacts.getSideOutput(EventRouter.UNRECOGNIZED));

        return new Outputs(hourly, daily, runTotal, deadLetters);
    }

    static String messageKey(MessageEvent e) {
        return e.origin().host() + ' ' + e.queueId();
    }

    static String sessionKey(PostfixEvent e) {
        String pid = e instanceof PostfixEvent.SmtpdConnect c ? c.pid() : ((PostfixEvent.SmtpdDisconnect) e).pid();
        return e.origin().host() + ' ' + pid;
    }
}
