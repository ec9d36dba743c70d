package io.pflogstream.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the file source has read, for the progress line of the embedded command. JVM-wide on
 * purpose: the source runs inside the command's own MiniCluster.
 */
public final class ReadProgress {
    private static final AtomicLong BYTES = new AtomicLong();
    private static final AtomicLong LINES = new AtomicLong();

    private ReadProgress() {}

    static void block(int lines, int bytes) {
        LINES.addAndGet(lines);
        BYTES.addAndGet(bytes);
    }

    public static long lines() {
        return LINES.get();
    }

    public static long bytes() {
        return BYTES.get();
    }

    public static void reset() {
        LINES.set(0);
        BYTES.set(0);
    }
}
