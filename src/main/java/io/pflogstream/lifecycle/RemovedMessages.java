package io.pflogstream.lifecycle;

import java.util.HashMap;
import java.util.Map;

/**
 * What pflogsumm still knows of a queue ID after {@code removed}, for a run that never forgets
 * (pflogsumm's {@code %msgSizes} and {@code %msgDfrdFlgs}): the size and the deferral flag,
 * packed into about 16 bytes a queue ID. A busy server's log names millions of queue IDs; as keyed
 * state (a key string, a state entry and a {@link MessageState} each) they took about 230 bytes
 * apiece.
 *
 * <p>Only for a run whose message keys all live in one operator instance that is never restored
 * from a checkpoint (the report); a job that checkpoints keeps this in keyed state instead.
 * Not thread-safe.
 */
final class RemovedMessages {
    /** Hosts get an index of 8 bits in a packed key; more hosts than that use the plain map. */
    private static final int MAX_PACKED_HOSTS = 255;
    /** Queue IDs of up to 13 upper-case hex digits (Postfix's short IDs) pack into 52 bits. */
    private static final int MAX_PACKED_DIGITS = 13;
    /**
     * Tables that grow one at a time: growing one table of millions of slots held the old and the
     * new arrays at once (200 MB for 2.5M queue IDs), and that peak stayed in the process's memory.
     */
    private static final int SEGMENTS = 64;

    private final Map<String, Integer> hosts = new HashMap<>();
    /** What does not pack (long queue IDs, many hosts, sizes of 1 GB and more): key → packed value. */
    private final Map<String, Long> others = new HashMap<>();

    private final Segment[] segments = new Segment[SEGMENTS];

    RemovedMessages() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** Remembers a removed message. @param size 0 when it is not known */
    void put(String host, String queueId, long size, boolean deferralCounted) {
        long value = size << 1 | (deferralCounted ? 1 : 0);
        long key = pack(host, queueId, true);
        if (key != 0 && value <= Integer.MAX_VALUE) {
            long h = hash(key);
            segments[segment(h)].put(key, h, (int) value);
            if (!others.isEmpty()) {
                others.remove(host + ' ' + queueId);
            }
        } else {
            if (key != 0) {
                long h = hash(key);
                segments[segment(h)].take(key, h);
            }
            others.put(host + ' ' + queueId, value);
        }
    }

    /**
     * Takes back what was remembered of a queue ID that logs again (its state then lives in keyed
     * state until it is removed once more), or null.
     */
    MessageState take(String host, String queueId) {
        long key = pack(host, queueId, false);
        long value = -1;
        if (key != 0) {
            long h = hash(key);
            value = segments[segment(h)].take(key, h);
        }
        if (value < 0) {
            Long v = others.isEmpty() ? null : others.remove(host + ' ' + queueId);
            if (v == null) {
                return null;
            }
            value = v;
        }
        MessageState s = new MessageState();
        s.setSize(value >>> 1);
        s.setDeferralCounted((value & 1) != 0);
        return s;
    }

    /** How many queue IDs are remembered. */
    int size() {
        int n = others.size();
        for (Segment s : segments) {
            n += s.used;
        }
        return n;
    }

    /**
     * host index (8 bits), digit count (4 bits), hex value (52 bits); 0 when the queue ID is not
     * short upper-case hex, or the host has no index (and {@code addHost} is false or they ran out).
     */
    private long pack(String host, String queueId, boolean addHost) {
        int n = queueId.length();
        if (n == 0 || n > MAX_PACKED_DIGITS) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = queueId.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return 0;
            }
            v = v << 4 | d;
        }
        Integer h = hosts.get(host);
        if (h == null) {
            if (!addHost || hosts.size() >= MAX_PACKED_HOSTS) {
                return 0;
            }
            h = hosts.size();
            hosts.put(host, h);
        }
        return (long) h << 56 | (long) n << 52 | v;
    }

    /** MurmurHash3's 64-bit finalizer: every bit of the key moves every bit of the hash. */
    private static long hash(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ h >>> 33;
    }

    /** The top 6 bits of the hash pick the segment; a segment's slot and filter bit use lower ones. */
    private static int segment(long hash) {
        return (int) (hash >>> 58);
    }

    /**
     * Open addressing with linear probing; key 0 is an empty slot (a packed key is never 0). A
     * filter of 8 bits a slot answers most questions for queue IDs never removed (a new message's
     * first line) from 1/16 of the table's memory instead of a cache miss in it.
     */
    private static final class Segment {
        private long[] keys = new long[1 << 6];
        /** The size shifted left once, and the deferral flag in the lowest bit. */
        private int[] values = new int[1 << 6];

        private long[] maybe = new long[(1 << 6) / 8];
        private int used;

        void put(long key, long hash, int value) {
            if (used >= keys.length - (keys.length >>> 3) - (keys.length >>> 4)) { // 13/16 full
                grow();
            }
            int i = slot(hash);
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & (keys.length - 1);
            }
            if (keys[i] == 0) {
                used++;
            }
            keys[i] = key;
            values[i] = value;
            mark(hash);
        }

        /** The value, removed, or -1. */
        long take(long key, long hash) {
            int bit = filterBit(hash);
            if ((maybe[bit >>> 6] & 1L << bit) == 0) {
                return -1;
            }
            int i = slot(hash);
            while (keys[i] != key) {
                if (keys[i] == 0) {
                    return -1;
                }
                i = (i + 1) & (keys.length - 1);
            }
            int value = values[i];
            delete(i);
            return value;
        }

        private int slot(long hash) {
            return (int) (hash >>> 26) & (keys.length - 1);
        }

        private int filterBit(long hash) {
            return (int) hash & ((maybe.length << 6) - 1);
        }

        private void mark(long hash) {
            int bit = filterBit(hash);
            maybe[bit >>> 6] |= 1L << bit;
        }

        /** Backward-shift deletion: the probe runs of the keys after i stay unbroken. */
        private void delete(int i) {
            int mask = keys.length - 1;
            int gap = i;
            for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
                int home = slot(hash(keys[j]));
                // keys[j] may move into the gap unless its home lies cyclically in (gap, j]
                boolean between = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
                if (!between) {
                    keys[gap] = keys[j];
                    values[gap] = values[j];
                    gap = j;
                }
            }
            keys[gap] = 0;
            values[gap] = 0;
            used--;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            maybe = new long[maybe.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    long hash = hash(oldKeys[i]);
                    int j = slot(hash);
                    while (keys[j] != 0) {
                        j = (j + 1) & (keys.length - 1);
                    }
                    keys[j] = oldKeys[i];
                    values[j] = oldValues[i];
                    mark(hash);
                }
            }
        }
    }
}
