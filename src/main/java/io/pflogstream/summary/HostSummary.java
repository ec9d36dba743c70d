package io.pflogstream.summary;

/**
 * A summary for one host (or {@link #FLEET}) over [start, end) in wall-clock epoch milliseconds.
 */
public record HostSummary(String host, long start, long end, Summary summary) {
    public static final String FLEET = "fleet";

    /** This summary with {@code other} added in; this one's {@link Summary} is reused, not copied. */
    public HostSummary absorb(HostSummary other) {
        summary.merge(other.summary);
        String h = host.equals(other.host) ? host : FLEET;
        return new HostSummary(h, Math.min(start, other.start), Math.max(end, other.end), summary);
    }
}
