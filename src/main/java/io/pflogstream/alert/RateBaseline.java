package io.pflogstream.alert;

/**
 * A host's or sender domain's usual share of bounced and of deferred delivery attempts: moving
 * averages over its buckets (a plain mean over the first {@link #SPAN} buckets, then exponential,
 * so the last few hours of its own mail weigh most). A Flink POJO, one per rate scope.
 */
public class RateBaseline {
    /** Buckets over which the baseline averages: about six hours of ten-minute buckets with mail. */
    static final int SPAN = 36;
    /** Buckets with mail before a baseline is trusted. */
    static final int WARM_BUCKETS = 12;
    /** A usual rate is taken to be at least this much, so that a key that never bounced is not alarmed by one bounce. */
    static final double FLOOR = 0.01;
    /** Standard deviations a bucket must stand above the usual rate (binomial, for its attempts). */
    static final double SIGMAS = 4.0;

    public double attempts;
    public double deferred;
    public double bounced;
    public int buckets;
    /** The end of the last bucket with mail: the baseline is forgotten a while after. */
    public long lastBucket;

    public RateBaseline() {}

    boolean warm() {
        return buckets >= WARM_BUCKETS;
    }

    double usual(boolean bounces) {
        return attempts <= 0 ? FLOOR : Math.max(FLOOR, (bounces ? bounced : deferred) / attempts);
    }

    /**
     * Whether {@code failed} of {@code attempts} stands out: at least {@code minIncrease} above the
     * usual rate, twice it, and {@link #SIGMAS} standard deviations above what the usual rate
     * gives for this many attempts.
     */
    boolean standsOut(long attempts, long failed, boolean bounces, int minAttempts, double minIncrease) {
        if (!warm() || attempts < minAttempts) {
            return false;
        }
        double p = usual(bounces);
        double rate = (double) failed / attempts;
        double sd = Math.sqrt(attempts * p * (1 - p));
        return rate >= p + minIncrease && rate >= 2 * p && failed - attempts * p >= SIGMAS * sd;
    }

    /**
     * Whether a bucket is back to usual: under half the increase that opened an incident, over a
     * quarter of the attempts that judging one takes (a small host's quiet hours end its incident
     * too, or the quiet period does).
     */
    boolean backToUsual(long attempts, long failed, boolean bounces, int minAttempts, double minIncrease) {
        return attempts >= Math.max(1, minAttempts / 4)
                && (double) failed / attempts < usual(bounces) + minIncrease / 2;
    }

    void absorb(long n, long d, long b, long bucketEnd) {
        double alpha = 1.0 / Math.min(buckets + 1, SPAN);
        attempts += alpha * (n - attempts);
        deferred += alpha * (d - deferred);
        bounced += alpha * (b - bounced);
        buckets++;
        lastBucket = Math.max(lastBucket, bucketEnd);
    }
}
