package io.pflogstream.lifecycle;

/** What happened to one recipient of a message (its last delivery attempt). A Flink POJO. */
public class RecipientOutcome {
    private String recipient;
    private String origRecipient;
    private String relay;
    private String status;
    private String dsn;
    private double delay;
    private String delays;
    private String response;
    private long time;
    private int attempts;

    public RecipientOutcome() {}

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getOrigRecipient() {
        return origRecipient;
    }

    public void setOrigRecipient(String origRecipient) {
        this.origRecipient = origRecipient;
    }

    public String getRelay() {
        return relay;
    }

    public void setRelay(String relay) {
        this.relay = relay;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getDsn() {
        return dsn;
    }

    public void setDsn(String dsn) {
        this.dsn = dsn;
    }

    public double getDelay() {
        return delay;
    }

    public void setDelay(double delay) {
        this.delay = delay;
    }

    public String getDelays() {
        return delays;
    }

    public void setDelays(String delays) {
        this.delays = delays;
    }

    public String getResponse() {
        return response;
    }

    public void setResponse(String response) {
        this.response = response;
    }

    public long getTime() {
        return time;
    }

    public void setTime(long time) {
        this.time = time;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }
}
