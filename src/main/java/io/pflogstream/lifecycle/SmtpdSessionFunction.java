package io.pflogstream.lifecycle;

import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.SmtpdConnect;
import io.pflogstream.postfix.PostfixEvent.SmtpdDisconnect;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.ReportFact;
import io.pflogstream.syslog.CivilTime;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Pairs smtpd {@code connect from} with the next {@code disconnect from} of the same process,
 * keyed by (host, PID) as pflogsumm pairs them by PID, and emits the session's length.
 * A connect with no disconnect is forgotten by the named timer "expire-open-session".
 */
public class SmtpdSessionFunction extends KeyedProcessFunction<String, PostfixEvent, HostFact> {
    static final Duration SESSION_TTL = Duration.ofDays(1);

    private final boolean daysStandAlone;
    private final boolean expireIdle;

    public SmtpdSessionFunction() {
        this(false, true);
    }

    /**
     * @param daysStandAlone a session that crossed midnight is not counted (pflogsumm on one day's lines cannot pair it)
     * @param expireIdle forget a session with no disconnect after a day; off when event time does
     *     not advance before the input ends (see MessageLifecycleFunction)
     */
    public SmtpdSessionFunction(boolean daysStandAlone, boolean expireIdle) {
        this.daysStandAlone = daysStandAlone;
        this.expireIdle = expireIdle;
    }

    private transient ValueState<Long> connectedAt;
    private transient ValueState<Long> cleanupAt;

    @Override
    public void open(OpenContext openContext) {
        connectedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("connectedAt", Long.class));
        cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanupAt", Long.class));
    }

    @Override
    public void processElement(PostfixEvent event, Context ctx, Collector<HostFact> out) throws Exception {
        long time = event.origin().time();
        if (event instanceof SmtpdConnect) {
            connectedAt.update(time);
            if (!expireIdle) {
                return;
            }
            Long old = cleanupAt.value();
            if (old != null) {
                ctx.timerService().deleteEventTimeTimer(old);
            }
            long at = time + SESSION_TTL.toMillis();
            ctx.timerService().registerEventTimeTimer(at);
            cleanupAt.update(at);
        } else if (event instanceof SmtpdDisconnect d) {
            Long start = connectedAt.value();
            if (start == null) {
                return;
            }
            if (daysStandAlone && CivilTime.dateKeyOf(start) != CivilTime.dateKeyOf(time)) {
                cleanUp(ctx);
                return;
            }
            out.collect(new HostFact(
                    event.origin().host(),
                    new ReportFact.SmtpdSession(time, d.clientDomain(), Math.floorDiv(time - start, 1000L))));
            cleanUp(ctx);
        }
    }

    private void cleanUp(Context ctx) throws Exception {
        if (!expireIdle) {
            connectedAt.clear();
            return;
        }
        Long at = cleanupAt.value();
        if (at != null) {
            ctx.timerService().deleteEventTimeTimer(at);
        }
        connectedAt.clear();
        cleanupAt.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HostFact> out) {
        connectedAt.clear(); // timer "expire-open-session"
        cleanupAt.clear();
    }
}
