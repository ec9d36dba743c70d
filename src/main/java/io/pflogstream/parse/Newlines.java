package io.pflogstream.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * '\n' in raw log bytes, eight bytes at a time: every byte of the input is looked at here, so a
 * byte-by-byte loop would cost more than some of the parsing. After XOR with "\n\n\n\n\n\n\n\n",
 * a newline is a zero byte; the mask below has the high bit set in exactly those bytes.
 */
public final class Newlines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private Newlines() {}

    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** Newlines in bytes[from, to). */
    public static int count(byte[] bytes, int from, int to) {
        int count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            count += Long.bitCount(zeroBytes((long) LONGS.get(bytes, i) ^ NEWLINES));
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** The first newline in bytes[from, to), or {@code to} if there is none. */
    public static int next(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long z = zeroBytes((long) LONGS.get(bytes, i) ^ NEWLINES);
            if (z != 0) {
                return i + (Long.numberOfTrailingZeros(z) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return to;
    }
}
