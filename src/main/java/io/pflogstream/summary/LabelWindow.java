package io.pflogstream.summary;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Puts the host and the window's bounds on a window's summary. */
public class LabelWindow extends ProcessWindowFunction<Summary, HostSummary, String, TimeWindow> {
    @Override
    public void process(String host, Context ctx, Iterable<Summary> summaries, Collector<HostSummary> out) {
        for (Summary s : summaries) {
            out.collect(new HostSummary(host, ctx.window().getStart(), ctx.window().getEnd(), s));
        }
    }
}
