package io.pflogstream.lifecycle;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.metrics.MetricGroup;

/**
 * The per-MTA metrics of one subtask, each under a metric group labelled {@code mta} (not "host":
 * Flink labels every metric with its TaskManager's host). At most {@link #MAX_HOSTS} labels, then
 * the rest share {@link #OTHER}: a stream of lines with made-up host names cannot grow the
 * metrics without end.
 *
 * @param <M> what is registered for an MTA: its counters or gauges
 */
public final class MtaGroups<M> {
    public static final int MAX_HOSTS = 1000;
    public static final String OTHER = "(other)";

    private final MetricGroup group;
    private final Function<MetricGroup, M> register;
    private final Map<String, M> byHost = new HashMap<>();

    /** @param register registers an MTA's metrics in its group, once, when the MTA is first seen */
    public MtaGroups(MetricGroup group, Function<MetricGroup, M> register) {
        this.group = group;
        this.register = register;
    }

    public M of(String host) {
        M m = byHost.get(host);
        if (m == null) {
            String label = byHost.size() >= MAX_HOSTS ? OTHER : host;
            m = byHost.computeIfAbsent(label, l -> register.apply(group.addGroup("mta", l)));
        }
        return m;
    }
}
