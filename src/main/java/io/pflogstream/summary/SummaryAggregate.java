package io.pflogstream.summary;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds facts into a {@link Summary} as they arrive, so a window holds one summary, not its facts. */
public class SummaryAggregate implements AggregateFunction<HostFact, Summary, Summary> {
    @Override
    public Summary createAccumulator() {
        return new Summary();
    }

    @Override
    public Summary add(HostFact value, Summary acc) {
        acc.add(value.fact());
        return acc;
    }

    @Override
    public Summary getResult(Summary acc) {
        return acc;
    }

    @Override
    public Summary merge(Summary a, Summary b) {
        return a.merge(b);
    }
}
