package io.pflogstream.summary;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rolls window summaries up into one for the whole (bounded) run, emitted when the input ends:
 * the final watermark fires the "end-of-input" timer.
 */
public class RunTotalFunction extends KeyedProcessFunction<String, HostSummary, HostSummary> {
    private static final long END_OF_INPUT = Long.MAX_VALUE;
    private transient ValueState<HostSummary> total;

    @Override
    public void open(OpenContext openContext) {
        total = getRuntimeContext().getState(new ValueStateDescriptor<>("runTotal", HostSummary.class));
    }

    @Override
    public void processElement(HostSummary value, Context ctx, Collector<HostSummary> out) throws Exception {
        HostSummary t = total.value();
        HostSummary relabelled = new HostSummary(ctx.getCurrentKey(), value.start(), value.end(), 1, value.summary());
        total.update(t == null ? relabelled : t.absorb(relabelled));
        ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HostSummary> out) throws Exception {
        HostSummary t = total.value();
        if (t != null) {
            out.collect(t);
        }
        total.clear();
    }
}
