package io.pflogstream.topology;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.io.DeadLetter;
import io.pflogstream.io.RawLine;
import io.pflogstream.postfix.Origin;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEventParser;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import io.pflogstream.syslog.SyslogLine;
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

    private final ReportOptions options;
    private transient SyslogEnvelopeParser envelopes;
    private transient PostfixEventParser events;
    private transient Counter otherPrograms;
    private transient Counter malformed;
    private transient Counter unrecognized;
    private transient int lastDayOfMonth;

    public LineParseFunction(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        envelopes = new SyslogEnvelopeParser(options);
        events = new PostfixEventParser(options);
        otherPrograms = getRuntimeContext().getMetricGroup().counter("nonPostfixLines");
        malformed = getRuntimeContext().getMetricGroup().counter("malformedLines");
        unrecognized = getRuntimeContext().getMetricGroup().counter("unrecognizedPostfixLines");
        lastDayOfMonth = 0;
    }

    @Override
    public void processElement(RawLine raw, Context ctx, Collector<PostfixEvent> out) {
        if (raw.problem() != null) {
            malformed.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(raw.source(), raw.seq(), raw.text(), raw.problem()));
            return;
        }
        EnvelopeResult result = envelopes.parse(raw.text(), raw.seq());
        if (result instanceof EnvelopeResult.Postfix p) {
            SyslogLine line = p.line();
            if (line.day() != lastDayOfMonth) {
                lastDayOfMonth = line.day();
                out.collect(new PostfixEvent.NewDay(
                        new Origin(line.host(), line.seq(), line.timestampMillis(), line.daemon())));
            }
            PostfixEvent event = events.parse(line);
            if (event instanceof PostfixEvent.Unrecognized u) {
                unrecognized.inc();
                ctx.output(DEAD_LETTERS, new DeadLetter(raw.source(), raw.seq(), raw.text(), u.reason()));
            } else {
                out.collect(event);
            }
        } else if (result instanceof EnvelopeResult.OtherProgram) {
            otherPrograms.inc();
        } else if (result instanceof EnvelopeResult.Malformed m) {
            malformed.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(raw.source(), raw.seq(), raw.text(), m.reason()));
        }
    }
}
