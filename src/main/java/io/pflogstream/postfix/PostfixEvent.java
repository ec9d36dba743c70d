package io.pflogstream.postfix;

import io.pflogstream.serde.RecordUnionTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One Postfix log line, typed. Addresses and reasons are already normalised the way the report
 * options ask (case, VERP/UUCP munging, trimming), so later stages only count.
 */
@TypeInfo(RecordUnionTypeInfo.Factory.class)
public sealed interface PostfixEvent {
    Origin origin();

    /** Events that belong to one queued message and go to the lifecycle operator. */
    @TypeInfo(RecordUnionTypeInfo.Factory.class)
    sealed interface MessageEvent extends PostfixEvent {
        String queueId();
    }

    /** smtpd {@code client=} or pickup {@code uid=/sender=}: a message entered the queue. */
    record Received(Origin origin, String queueId, String source, String client, String saslUser)
            implements MessageEvent {
        public static final String PICKUP = "pickup";
    }

    /** cleanup {@code message-id=<...>}. */
    record MessageIdSeen(Origin origin, String queueId, String messageId) implements MessageEvent {}

    /** qmgr {@code from=<...>, size=N, nrcpt=N}: sender and size are known. */
    record QueueEntry(Origin origin, String queueId, String sender, long size, int recipients)
            implements MessageEvent {}

    /**
     * A delivery agent's {@code to=<...>, relay=..., delay=..., status=...} line.
     *
     * @param reason the status text as the report shows it (trimmed unless verbose)
     * @param response the whole text in parentheses after the status, untrimmed
     */
    record Delivery(
            Origin origin,
            String queueId,
            String recipient,
            String origRecipient,
            String relay,
            double delay,
            String dsn,
            DeliveryStatus status,
            boolean forwarded,
            String reason,
            String delays,
            String response)
            implements MessageEvent {
        private static final java.util.regex.Pattern QUEUED_AS = java.util.regex.Pattern.compile("queued as (\\w+)");
        private static final java.util.regex.Pattern LOOPBACK =
                java.util.regex.Pattern.compile("\\[(127\\.\\d+\\.\\d+\\.\\d+|::1)\\]");

        /**
         * The queue ID a content filter on this machine re-injected the message as, or null: a
         * sent delivery to a loopback relay whose reply says "queued as ID".
         */
        public String filterHandOff() {
            if (status != DeliveryStatus.SENT
                    || response == null
                    || !LOOPBACK.matcher(relay).find()) {
                return null;
            }
            java.util.regex.Matcher m = QUEUED_AS.matcher(response);
            return m.find() ? m.group(1) : null;
        }

        public String recipientDomain() {
            int at = recipient.indexOf('@');
            return at > 0 ? recipient.substring(at + 1) : recipient;
        }
    }

    /** qmgr {@code status=expired, returned to sender}. */
    record Expired(Origin origin, String queueId, String sender) implements MessageEvent {}

    /**
     * Derived, not logged: a content filter (amavis & co.) handed this queue ID back to Postfix as
     * the filtered copy of another message ("... queued as QUEUEID" in that message's delivery).
     */
    record Reinjected(Origin origin, String queueId) implements MessageEvent {}

    /** qmgr {@code removed}: the message left the queue. */
    record Removed(Origin origin, String queueId) implements MessageEvent {}

    /**
     * smtpd/postscreen/cleanup reject, reject_warning, hold or discard.
     *
     * @param stage the detail table's first level: RCPT, MAIL, DATA, ... or "cleanup"
     * @param reason the second level
     * @param subject the third level: client, address or header text
     * @param line the message as logged (after the syslog tag), for the security events
     */
    record PolicyDecision(Origin origin, PolicyAction action, String stage, String reason, String subject, String line)
            implements PostfixEvent {}

    /** {@code warning:}, {@code fatal:} or {@code panic:} of any daemon. */
    record DaemonProblem(Origin origin, Severity severity, String text, String line) implements PostfixEvent {
        public enum Severity {
            WARNING,
            FATAL,
            PANIC
        }
    }

    record MasterMessage(Origin origin, String text) implements PostfixEvent {}

    record SmtpdConnect(Origin origin, String pid, String client) implements PostfixEvent {}

    /** smtpd disconnect; {@code clientDomain} as pflogsumm names it for the connection tables. */
    record SmtpdDisconnect(Origin origin, String pid, String clientDomain) implements PostfixEvent {}

    /** smtp {@code connect to host[ip]: reason}, in the old form pflogsumm 1.1.5 understands. */
    record SmtpConnectFailure(Origin origin, String host, String reason) implements PostfixEvent {}

    /** postscreen's verdicts: PASS NEW/OLD, ALLOWLISTED, DENYLISTED, PREGREET, HANGUP, DNSBL, ... */
    record PostscreenVerdict(Origin origin, String verdict, String clientIp) implements PostfixEvent {}

    /** dnsblog: a client address listed by a DNS block or allow list. */
    record DnsblListing(Origin origin, String clientIp, String listDomain, String reply) implements PostfixEvent {}

    /** anvil or scache {@code statistics:} lines, e.g. "max connection rate 5/60s for (smtpd:1.2.3.4)". */
    record ServiceStatistic(Origin origin, String metric, String value, String subject) implements PostfixEvent {}

    /** smtpd/smtp/tlsproxy "… TLS connection established from|to peer: protocol with cipher …". */
    record TlsEstablished(Origin origin, String trust, String direction, String peer, String protocol, String cipher)
            implements PostfixEvent {}

    /** bounce: a delivery status notification (non-delivery, delay, success) queued as another message. */
    record NotificationQueued(Origin origin, String queueId, String kind, String notificationQueueId)
            implements PostfixEvent {}

    /** Other lines of a known shape that the report does not count (TLS, anvil, scache, ...). */
    record Notice(Origin origin, String kind) implements PostfixEvent {}

    /**
     * The day of month differs from the previous Postfix line's: pflogsumm counts these changes
     * ({@code $dayCnt}) to average per-hour traffic, so the count follows line order, not dates.
     */
    record NewDay(Origin origin) implements PostfixEvent {}

    /** A Postfix line no rule matched; it goes to the dead-letter output. */
    record Unrecognized(Origin origin, String line, String reason) implements PostfixEvent {}
}
