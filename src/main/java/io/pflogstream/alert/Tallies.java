package io.pflogstream.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Delivery attempts (and authenticated submissions) counted where each is seen (the lifecycle operator, which knows the sender),
 * per host and per sender domain and bucket of the log's time, and passed on as a few {@link
 * Signal.Tally} records instead of one signal per delivery. Not state: the operator passes on what
 * it holds before each checkpoint barrier and each watermark, so nothing counted is lost to a
 * restart and no bucket reaches the detectors after the watermark that closes it.
 */
public final class Tallies {
    static final String HOST = "rate-host|";
    static final String SENDER = "rate-sender|";
    /** A SASL user's submissions: its volume, judged after a burst of failed logins for its name. */
    static final String USER = "rate-user|";

    private final long bucket;
    /** scope, host and bucket end → attempts, deferred, bounced. */
    private final Map<Key, long[]> counts = new HashMap<>();

    private long earliest = Long.MAX_VALUE;

    private record Key(String scope, String host, long end) {}

    public Tallies(AlertSettings settings) {
        this.bucket = settings.rateBucket().toMillis();
    }

    public enum Outcome {
        DELIVERED,
        DEFERRED,
        BOUNCED
    }

    /**
     * One delivery attempt.
     *
     * @param senderDomain the sender's domain, or null (a bounce's null sender, a sender not logged)
     */
    public void attempt(String host, String senderDomain, long time, Outcome outcome) {
        long end = time - Math.floorMod(time, bucket) + bucket - 1;
        add(new Key(HOST + host, host, end), outcome);
        if (senderDomain != null && !senderDomain.isEmpty()) {
            add(new Key(SENDER + senderDomain, host, end), outcome);
        }
        earliest = Math.min(earliest, end);
    }

    /** One message submitted by an authenticated user ({@code client=..., sasl_username=}). */
    public void submission(String host, String user, long time) {
        long end = time - Math.floorMod(time, bucket) + bucket - 1;
        add(new Key(USER + user, host, end), Outcome.DELIVERED);
        earliest = Math.min(earliest, end);
    }

    private void add(Key key, Outcome outcome) {
        long[] c = counts.computeIfAbsent(key, k -> new long[3]);
        c[0]++;
        if (outcome != Outcome.DELIVERED) {
            c[outcome == Outcome.DEFERRED ? 1 : 2]++;
        }
    }

    /** Passes on the buckets that end at or before {@code watermark}. */
    public void passOnUpTo(long watermark, Consumer<Signal.Tally> out) {
        if (earliest > watermark) {
            return;
        }
        long left = Long.MAX_VALUE;
        List<Signal.Tally> due = new ArrayList<>();
        for (Iterator<Map.Entry<Key, long[]>> it = counts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, long[]> e = it.next();
            if (e.getKey().end() <= watermark) {
                due.add(tally(e));
                it.remove();
            } else {
                left = Math.min(left, e.getKey().end());
            }
        }
        earliest = left;
        due.forEach(out);
    }

    /** Passes on everything (a checkpoint barrier comes, the input ended). */
    public void passOnAll(Consumer<Signal.Tally> out) {
        passOnUpTo(Long.MAX_VALUE, out);
    }

    private static Signal.Tally tally(Map.Entry<Key, long[]> e) {
        long[] c = e.getValue();
        return new Signal.Tally(
                e.getKey().scope(), e.getKey().host(), e.getKey().end(), c[0], c[1], c[2]);
    }
}
