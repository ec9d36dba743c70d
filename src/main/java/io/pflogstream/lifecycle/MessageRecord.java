package io.pflogstream.lifecycle;

import java.util.List;

/**
 * One message's whole life, emitted when qmgr logs {@code removed}: what a SIEM wants per message.
 * Times are the log's wall clock, epoch milliseconds.
 */
public record MessageRecord(
        String host,
        String queueId,
        String messageId,
        String client,
        String saslUser,
        String sender,
        long size,
        int recipientCount,
        long firstSeen,
        long removedAt,
        List<RecipientOutcome> recipients) {}
