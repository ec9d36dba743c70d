package io.pflogstream.lifecycle;

/**
 * Where a queued message is in its life, as the log tells it.
 *
 * <pre>
 *   (none) --client= / pickup--> RECEIVED --qmgr from=,size=--> QUEUED --qmgr removed--> REMOVED
 *      \________________ qmgr from=,size= (log started mid-way) ____/^        ^
 *   deliveries (sent/deferred/bounced) keep QUEUED; a line for a REMOVED   |
 *   message with a new client= is a queue-ID reuse and starts RECEIVED ---'
 * </pre>
 */
public enum MessageStage {
    RECEIVED,
    QUEUED,
    REMOVED;

    public enum Step {
        RECEIVE,
        ENQUEUE,
        DELIVER,
        REMOVE
    }

    /** The stage after {@code step}, from {@code current} (null: nothing seen yet). */
    public static MessageStage transition(MessageStage current, Step step) {
        return switch (step) {
            case RECEIVE -> RECEIVED;
            case ENQUEUE, DELIVER -> current == REMOVED && step == Step.DELIVER ? REMOVED : QUEUED;
            case REMOVE -> REMOVED;
        };
    }

    /**
     * True when a line arrives that should not follow this stage: a delivery or queue entry after
     * {@code removed} (lines out of order, or a queue ID reused without its client= line).
     */
    public static boolean isAnomalous(MessageStage current, Step step) {
        return current == REMOVED && (step == Step.DELIVER || step == Step.ENQUEUE);
    }

    public boolean isTerminal() {
        return this == REMOVED;
    }
}
