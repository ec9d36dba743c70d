package io.pflogstream.topology;

import io.pflogstream.postfix.DeliveryStatus;
import io.pflogstream.postfix.PolicyAction;
import io.pflogstream.postfix.PostfixEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * What an operator watches per MTA, as Flink metrics with an {@code mta} label (Prometheus:
 * {@code flink_taskmanager_job_task_operator_mta_delivered{mta="mx1",...}} (not "host": Flink labels every metric with its TaskManager's host)): messages
 * received, delivered, deferred, bounced and rejected, counted as the route stage reads each
 * line. Counters restart at zero with the job (Prometheus's rate() reads that as a reset). A
 * subtask labels at most {@link #MAX_HOSTS} hosts and counts the rest as host "(other)": a
 * stream of lines with made-up host names cannot grow the metrics without end.
 */
final class HostMetrics {
    static final int MAX_HOSTS = 1000;
    static final String OTHER = "(other)";

    private final MetricGroup group;
    private final Map<String, Counters> byHost = new HashMap<>();

    private record Counters(Counter received, Counter delivered, Counter deferred, Counter bounced, Counter rejected) {}

    HostMetrics(MetricGroup group) {
        this.group = group;
    }

    void count(PostfixEvent event) {
        if (event instanceof PostfixEvent.Received) {
            of(event).received().inc();
        } else if (event instanceof PostfixEvent.Delivery d) {
            if (d.status() == DeliveryStatus.SENT) {
                of(event).delivered().inc();
            } else if (d.status() == DeliveryStatus.DEFERRED) {
                of(event).deferred().inc();
            } else if (d.status() == DeliveryStatus.BOUNCED) {
                of(event).bounced().inc();
            }
        } else if (event instanceof PostfixEvent.PolicyDecision p && p.action() == PolicyAction.REJECT) {
            of(event).rejected().inc();
        }
    }

    private Counters of(PostfixEvent event) {
        String host = event.origin().host();
        Counters c = byHost.get(host);
        if (c == null) {
            if (byHost.size() >= MAX_HOSTS) {
                host = OTHER;
                c = byHost.get(OTHER);
            }
            if (c == null) {
                MetricGroup g = group.addGroup("mta", host);
                c = new Counters(
                        g.counter("received"),
                        g.counter("delivered"),
                        g.counter("deferred"),
                        g.counter("bounced"),
                        g.counter("rejected"));
                byHost.put(host, c);
            }
        }
        return c;
    }
}
