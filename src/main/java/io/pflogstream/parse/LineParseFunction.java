package io.pflogstream.parse;

import io.pflogstream.config.ReadOptions;
import io.pflogstream.postfix.PostfixEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Raw line → typed Postfix event. Lines without a syslog envelope, and Postfix lines no rule
 * knows, go to the dead-letter output with the raw line and where it came from; other programs'
 * lines are counted and skipped. Runs in line order right behind the source, which
 * is what lets it see pflogsumm's day changes.
 */
public class LineParseFunction extends ProcessFunction<RawLine, PostfixEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final ReadOptions options;
    private transient LineParser parser;
    private transient ParseCounters counters;
    private transient int lastDayOfMonth;

    public LineParseFunction(ReadOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new LineParser(options);
        counters = new ParseCounters(getRuntimeContext().getMetricGroup());
        lastDayOfMonth = 0;
    }

    @Override
    public void processElement(RawLine raw, Context ctx, Collector<PostfixEvent> out) {
        if (raw.problem() != null) {
            counters.malformed.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(raw.source(), raw.seq(), raw.text(), raw.problem()));
            return;
        }
        LineParser.Outcome outcome =
                raw.envelope() != null ? parser.parse(raw.envelope()) : parser.parse(raw.text(), raw.seq());
        switch (outcome) {
            case EVENT, UNRECOGNIZED -> {
                if (parser.line().day() != lastDayOfMonth) {
                    lastDayOfMonth = parser.line().day();
                    out.collect(LineParser.newDay(parser.line()));
                }
                if (outcome == LineParser.Outcome.EVENT) {
                    out.collect(parser.event());
                } else {
                    counters.unrecognized.inc();
                    ctx.output(DEAD_LETTERS, new DeadLetter(raw.source(), raw.seq(), raw.text(), parser.reason()));
                }
            }
            case OTHER_PROGRAM -> counters.otherPrograms.inc();
            case MALFORMED -> {
                counters.malformed.inc();
                ctx.output(DEAD_LETTERS, new DeadLetter(raw.source(), raw.seq(), raw.text(), parser.reason()));
            }
            case OUTSIDE -> {}
        }
    }

    /** The parse stage's metrics, under the names dashboards and alerts use (docs/operations.md). */
    static final class ParseCounters {
        final Counter otherPrograms;
        final Counter malformed;
        final Counter unrecognized;

        ParseCounters(org.apache.flink.metrics.MetricGroup group) {
            otherPrograms = group.counter("nonPostfixLines");
            malformed = group.counter("malformedLines");
            unrecognized = group.counter("unrecognizedPostfixLines");
        }
    }
}
