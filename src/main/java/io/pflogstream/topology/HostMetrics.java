package io.pflogstream.topology;

import io.pflogstream.lifecycle.MtaGroups;
import io.pflogstream.postfix.DeliveryStatus;
import io.pflogstream.postfix.PolicyAction;
import io.pflogstream.postfix.PostfixEvent;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * What an operator watches per MTA, as Flink metrics with an {@code mta} label (Prometheus:
 * {@code flink_taskmanager_job_task_operator_mta_delivered{mta="mx1",...}} (not "host": Flink labels every metric with its TaskManager's host)): messages
 * received, delivered, deferred, bounced and rejected, counted as the route stage reads each
 * line. Counters restart at zero with the job (Prometheus's rate() reads that as a reset). A
 * subtask labels at most {@link MtaGroups#MAX_HOSTS} hosts (see there).
 */
final class HostMetrics {
    private final MtaGroups<Counters> mtas;

    private record Counters(Counter received, Counter delivered, Counter deferred, Counter bounced, Counter rejected) {}

    HostMetrics(MetricGroup group) {
        mtas = new MtaGroups<>(
                group,
                g -> new Counters(
                        g.counter("received"),
                        g.counter("delivered"),
                        g.counter("deferred"),
                        g.counter("bounced"),
                        g.counter("rejected")));
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
        return mtas.of(event.origin().host());
    }
}
