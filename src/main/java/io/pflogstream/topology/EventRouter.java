package io.pflogstream.topology;

import io.pflogstream.alert.Signal;
import io.pflogstream.alert.Signals;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem;
import io.pflogstream.postfix.PostfixEvent.MasterMessage;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.postfix.PostfixEvent.NewDay;
import io.pflogstream.postfix.PostfixEvent.PolicyDecision;
import io.pflogstream.postfix.PostfixEvent.SmtpConnectFailure;
import io.pflogstream.postfix.PostfixEvent.SmtpdConnect;
import io.pflogstream.postfix.PostfixEvent.SmtpdDisconnect;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.HostTagger;
import io.pflogstream.summary.ReportFact;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each event where it is counted: lines that stand alone become facts here; a message's
 * lines go to the lifecycle operator, smtpd connects and disconnects to the session operator, and
 * lines no rule matched to the dead-letter output.
 */
public class EventRouter extends ProcessFunction<PostfixEvent, HostFact> {
    public static final OutputTag<MessageEvent> MESSAGE_EVENTS = new OutputTag<>("message-events") {};
    public static final OutputTag<PostfixEvent> SESSION_EVENTS = new OutputTag<>("session-events") {};
    /** Rejects, reject warnings, holds, discards, warnings, fatals, panics: what a SIEM watches. */
    public static final OutputTag<PostfixEvent> SECURITY_EVENTS = new OutputTag<>("security-events") {};

    /** What the incident detectors are told (provider refusals, deliveries, AUTH). */
    public static final OutputTag<Signal> ALERT_SIGNALS = new OutputTag<>("alert-signals") {};

    private final boolean exact;
    private final Signals signals;
    /** The context of the event being routed: one consumer for all events, not one per event. */
    private transient Context current;

    private transient java.util.function.Consumer<Signal> toDetectors;
    private transient HostMetrics metrics;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        metrics = new HostMetrics(getRuntimeContext().getMetricGroup());
    }

    public EventRouter() {
        this(false);
    }

    /** @param exact the corrected mode: a content filter's hand-off marks the re-injected copy */
    public EventRouter(boolean exact) {
        this(exact, null);
    }

    /** @param signals what to tell the incident detectors, or null when none run */
    public EventRouter(boolean exact, Signals signals) {
        this.exact = exact;
        this.signals = signals;
    }

    @Override
    public void processElement(PostfixEvent event, Context ctx, Collector<HostFact> facts) {
        metrics.count(event);
        if (signals != null) {
            current = ctx;
            if (toDetectors == null) {
                toDetectors = s -> current.output(ALERT_SIGNALS, s);
            }
            signals.from(event, toDetectors);
        }
        Collector<ReportFact> out = new HostTagger(facts).on(event.origin().host());
        long t = event.origin().time();
        if (event instanceof MessageEvent m) {
            ctx.output(MESSAGE_EVENTS, m);
            if (exact && m instanceof PostfixEvent.Delivery d && d.filterHandOff() != null) {
                ctx.output(MESSAGE_EVENTS, new PostfixEvent.Reinjected(d.origin(), d.filterHandOff()));
            }
        } else if (event instanceof SmtpdConnect || event instanceof SmtpdDisconnect) {
            ctx.output(SESSION_EVENTS, event);
        } else if (event instanceof PolicyDecision p) {
            out.collect(new ReportFact.PolicyApplied(t, p.action(), p.stage(), p.reason(), p.subject()));
            ctx.output(SECURITY_EVENTS, event);
        } else if (event instanceof DaemonProblem p) {
            out.collect(new ReportFact.ProblemLogged(t, p.severity(), p.origin().daemon(), p.text()));
            ctx.output(SECURITY_EVENTS, event);
        } else if (event instanceof MasterMessage m) {
            out.collect(new ReportFact.MasterLogged(t, m.text()));
        } else if (event instanceof SmtpConnectFailure f) {
            out.collect(new ReportFact.SmtpFailure(t, f.reason(), f.host()));
        } else if (event instanceof PostfixEvent.PostscreenVerdict v) {
            out.collect(new ReportFact.PostscreenSeen(t, v.verdict(), v.clientIp()));
        } else if (event instanceof NewDay) {
            out.collect(new ReportFact.DayChanged(t));
        }
    }
}
