package io.pflogstream.summary;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Puts the host, the window's bounds and a revision on a window's summary: 1 when the window
 * first fires, one more for each late line inside the allowed lateness.
 */
public class LabelWindow extends ProcessWindowFunction<Summary, HostSummary, String, TimeWindow> {
    private static final ValueStateDescriptor<Integer> REVISION = new ValueStateDescriptor<>("revision", Integer.class);

    @Override
    public void process(String host, Context ctx, Iterable<Summary> summaries, Collector<HostSummary> out)
            throws Exception {
        ValueState<Integer> revision = ctx.windowState().getState(REVISION);
        int next = revision.value() == null ? 1 : revision.value() + 1;
        revision.update(next);
        for (Summary s : summaries) {
            out.collect(
                    new HostSummary(host, ctx.window().getStart(), ctx.window().getEnd(), next, s));
        }
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(REVISION).clear();
    }
}
