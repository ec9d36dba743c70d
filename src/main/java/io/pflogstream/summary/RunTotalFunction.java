package io.pflogstream.summary;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Retired: it rolled every hourly summary of the job into one state value that only the end of the
 * input cleared, so an unbounded job held every sender and recipient it ever saw (the fuzz campaign's
 * 18-day topic ran the stream job out of heap, restart after restart), and no sink read it. It is
 * fed nothing now. The operator stays in the graph, under its uid, so that a savepoint of an earlier
 * release still restores without --allowNonRestoredState; such a savepoint's total is dropped at
 * the end of a bounded input and otherwise left as it was (issue 16 removes the operator).
 */
public class RunTotalFunction extends KeyedProcessFunction<String, HostSummary, HostSummary> {
    private transient ValueState<HostSummary> total;

    @Override
    public void open(OpenContext openContext) {
        total = getRuntimeContext().getState(new ValueStateDescriptor<>("runTotal", HostSummary.class));
    }

    @Override
    public void processElement(HostSummary value, Context ctx, Collector<HostSummary> out) throws Exception {
        total.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HostSummary> out) throws Exception {
        total.clear(); // an earlier release's "end-of-input" timer
    }
}
