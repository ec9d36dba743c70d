package io.pflogstream.summary;

/**
 * A summary for one host (or {@link #FLEET}) over [start, end) in wall-clock epoch milliseconds.
 */
public record HostSummary(String host, long start, long end, Summary summary) {
    public static final String FLEET = "fleet";

    public HostSummary mergedWith(HostSummary later) {
        Summary merged = new Summary().merge(summary).merge(later.summary);
        String h = host.equals(later.host) ? host : FLEET;
        return new HostSummary(h, Math.min(start, later.start), Math.max(end, later.end), merged);
    }
}
