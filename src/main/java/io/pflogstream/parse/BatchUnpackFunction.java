package io.pflogstream.parse;

import io.pflogstream.postfix.PostfixEvent;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parsed blocks, in file order, back to a stream of events: what {@link LineParseFunction} emits
 * for the same lines. Settles the one thing a block could not know, whether its first line
 * changed the day; dead letters go to the same side output, counts to the same metrics.
 */
public class BatchUnpackFunction extends ProcessFunction<ParsedBatch, PostfixEvent> {
    private transient LineParseFunction.ParseCounters counters;
    private transient int lastDayOfMonth;

    @Override
    public void open(OpenContext openContext) {
        counters = new LineParseFunction.ParseCounters(getRuntimeContext().getMetricGroup());
        lastDayOfMonth = 0;
    }

    @Override
    public void processElement(ParsedBatch batch, Context ctx, Collector<PostfixEvent> out) {
        List<PostfixEvent> events = batch.events();
        int from = 0;
        if (batch.firstDay() != 0) {
            // the block opens with a day change (see ParsedBatch); keep it only if the day did change
            if (batch.firstDay() == lastDayOfMonth) {
                from = 1;
            }
            lastDayOfMonth = batch.lastDay();
        }
        for (int i = from; i < events.size(); i++) {
            out.collect(events.get(i));
        }
        for (DeadLetter d : batch.deadLetters()) {
            ctx.output(LineParseFunction.DEAD_LETTERS, d);
        }
        counters.otherPrograms.inc(batch.otherPrograms());
        counters.malformed.inc(batch.malformed());
        counters.unrecognized.inc(batch.unrecognized());
    }
}
