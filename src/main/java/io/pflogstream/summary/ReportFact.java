package io.pflogstream.summary;

import io.pflogstream.postfix.PolicyAction;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem.Severity;
import io.pflogstream.serde.RecordUnionTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A fact the report counts, timestamped by the line that caused it. Each fact knows which
 * counters of a {@link Summary} it moves, so the summary stays a plain mergeable value.
 */
@TypeInfo(RecordUnionTypeInfo.Factory.class)
public sealed interface ReportFact {
    /** Wall-clock time of the causing line, epoch milliseconds. */
    long time();

    void applyTo(Summary s);

    record MessageReceived(long time) implements ReportFact {
        public void applyTo(Summary s) {
            s.received(time);
        }
    }

    /** A received message's sender, counted once its size is known. */
    record SenderCounted(long time, String sender, String domain, long size) implements ReportFact {
        public void applyTo(Summary s) {
            s.senderCounted(sender, domain, size);
        }
    }

    /**
     * One recipient delivered; {@code size} 0 means the message size was never logged.
     *
     * @param provider the provider the delivery went to ("" for none), or null when delay
     *     percentiles are not kept ({@link io.pflogstream.config.PipelineOptions#delayPercentiles})
     * @param delays Postfix's {@code delays=a/b/c/d}, or null
     */
    record RecipientDelivered(
            long time,
            long seq,
            String queueId,
            String recipient,
            String domain,
            double delay,
            long size,
            boolean recordMissingSize,
            String provider,
            String delays)
            implements ReportFact {
        public void applyTo(Summary s) {
            s.delivered(this);
        }
    }

    record RecipientForwarded(long time) implements ReportFact {
        public void applyTo(Summary s) {
            s.forwarded();
        }
    }

    record RecipientDeferred(
            long time, String daemon, String reason, String domain, double delay, boolean firstForMessage)
            implements ReportFact {
        public void applyTo(Summary s) {
            s.deferred(this);
        }
    }

    record RecipientBounced(long time, String relay, String reason) implements ReportFact {
        public void applyTo(Summary s) {
            s.bounced(this);
        }
    }

    record PolicyApplied(long time, PolicyAction action, String stage, String reason, String subject)
            implements ReportFact {
        public void applyTo(Summary s) {
            s.policy(this);
        }
    }

    record ProblemLogged(long time, Severity severity, String daemon, String text) implements ReportFact {
        public void applyTo(Summary s) {
            s.problem(this);
        }
    }

    record MasterLogged(long time, String text) implements ReportFact {
        public void applyTo(Summary s) {
            s.master(text);
        }
    }

    record SmtpFailure(long time, String reason, String host) implements ReportFact {
        public void applyTo(Summary s) {
            s.smtpFailure(reason, host);
        }
    }

    /** An smtpd connection closed after {@code seconds}, counted at the disconnect. */
    record SmtpdSession(long time, String clientDomain, long seconds) implements ReportFact {
        public void applyTo(Summary s) {
            s.smtpdSession(this);
        }
    }

    /** A postscreen verdict on a client (PASS NEW, DENYLISTED, PREGREET, ...). */
    record PostscreenSeen(long time, String verdict, String clientIp) implements ReportFact {
        public void applyTo(Summary s) {
            s.postscreen(verdict, clientIp);
        }
    }

    /** The day of month changed from one line to the next (pflogsumm's {@code $dayCnt}). */
    record DayChanged(long time) implements ReportFact {
        public void applyTo(Summary s) {
            s.dayChanged(time);
        }
    }

    /** One line of {@code -e} message detail (the sender, or a recipient). */
    record MessageDetail(long time, long seq, String queueId, String item) implements ReportFact {
        public void applyTo(Summary s) {
            s.messageDetail(this);
        }
    }
}
