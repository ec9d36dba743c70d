package io.pflogstream.lifecycle;

/**
 * What the lifecycle operator remembers about one (host, queue ID). A Flink POJO: public no-arg
 * constructor, getters and setters.
 */
public class MessageState {
    private MessageStage stage;
    /** pflogsumm's {@code $rcvdMsg{$qid}}: client domain or "pickup", until the sender is counted. */
    private String receivedFrom;
    /** pflogsumm's {@code $msgSizes{$qid}}; 0 = not known. */
    private long size;
    /** pflogsumm's {@code $msgDfrdFlgs{$qid}}. */
    private boolean deferralCounted;

    private String messageId;
    private String sender;
    // corrected mode: a message from a loopback client waits to see whether it is a content
    // filter's re-injection (then it is not received twice)
    private long pendingReceivedAt;
    private String pendingSender;
    private String pendingSenderDomain;
    private long pendingSize;
    private boolean reinjected;
    /** yyyymmdd of the message's last line, for days that stand alone. */
    private int day;
    /** When the cleanup timer fires, so it can be deleted when the message moves on. */
    private long cleanupAt;
    // for the lifecycle record (only kept when lifecycle records are on)
    private String client;
    private String saslUser;
    private int recipientCount;
    private long firstSeen;
    private java.util.List<RecipientOutcome> recipients;

    public MessageState() {}

    public MessageStage getStage() {
        return stage;
    }

    public void setStage(MessageStage stage) {
        this.stage = stage;
    }

    public String getReceivedFrom() {
        return receivedFrom;
    }

    public void setReceivedFrom(String receivedFrom) {
        this.receivedFrom = receivedFrom;
    }

    public long getSize() {
        return size;
    }

    public void setSize(long size) {
        this.size = size;
    }

    public boolean isDeferralCounted() {
        return deferralCounted;
    }

    public void setDeferralCounted(boolean deferralCounted) {
        this.deferralCounted = deferralCounted;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public long getPendingReceivedAt() {
        return pendingReceivedAt;
    }

    public void setPendingReceivedAt(long v) {
        this.pendingReceivedAt = v;
    }

    public String getPendingSender() {
        return pendingSender;
    }

    public void setPendingSender(String v) {
        this.pendingSender = v;
    }

    public String getPendingSenderDomain() {
        return pendingSenderDomain;
    }

    public void setPendingSenderDomain(String v) {
        this.pendingSenderDomain = v;
    }

    public long getPendingSize() {
        return pendingSize;
    }

    public void setPendingSize(long v) {
        this.pendingSize = v;
    }

    public boolean isReinjected() {
        return reinjected;
    }

    public void setReinjected(boolean v) {
        this.reinjected = v;
    }

    public int getDay() {
        return day;
    }

    public void setDay(int day) {
        this.day = day;
    }

    public long getCleanupAt() {
        return cleanupAt;
    }

    public void setCleanupAt(long cleanupAt) {
        this.cleanupAt = cleanupAt;
    }

    public String getClient() {
        return client;
    }

    public void setClient(String client) {
        this.client = client;
    }

    public String getSaslUser() {
        return saslUser;
    }

    public void setSaslUser(String saslUser) {
        this.saslUser = saslUser;
    }

    public int getRecipientCount() {
        return recipientCount;
    }

    public void setRecipientCount(int recipientCount) {
        this.recipientCount = recipientCount;
    }

    public long getFirstSeen() {
        return firstSeen;
    }

    public void setFirstSeen(long firstSeen) {
        this.firstSeen = firstSeen;
    }

    public java.util.List<RecipientOutcome> getRecipients() {
        return recipients;
    }

    public void setRecipients(java.util.List<RecipientOutcome> recipients) {
        this.recipients = recipients;
    }
}
