package io.pflogstream.summary;

/**
 * A summary for one host (or {@link #FLEET}) over [start, end) in wall-clock epoch milliseconds.
 *
 * @param revision 1 for a window's first result; each late correction adds one
 */
public record HostSummary(String host, long start, long end, int revision, Summary summary) {
    public static final String FLEET = "fleet";
    public static final long HOUR = 3_600_000L;
    public static final long DAY = 86_400_000L;

    /** This summary with {@code other} added in; this one's {@link Summary} is reused, not copied. */
    public HostSummary absorb(HostSummary other) {
        summary.merge(other.summary);
        String h = host.equals(other.host) ? host : FLEET;
        return new HostSummary(h, Math.min(start, other.start), Math.max(end, other.end), revision, summary);
    }

    /** "hour", "day" or "run", by the window's length. */
    public String granularity() {
        long length = end - start;
        return length == HOUR ? "hour" : length == DAY ? "day" : "run";
    }
}
