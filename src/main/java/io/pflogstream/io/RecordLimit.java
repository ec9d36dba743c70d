package io.pflogstream.io;

import io.pflogstream.config.StreamOptions;
import java.io.Serializable;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Whether a record's value can be sent. The producer refuses a record larger than its
 * {@code max.request.size} before compression; the broker refuses a batch larger than its
 * {@code message.max.bytes} (1 MB by default) after compression. A refused record fails the
 * checkpoint, and the job restarts into the same record for ever: so the sinks check first.
 *
 * <p>With {@code max.request.size} given, a value must fit it whole (the user has sized the broker
 * to match). Without, the sinks let the producer take 32 MB, and a value must compress, as the
 * producer's lz4 does (64 KB blocks), to at most {@link #BROKER_DEFAULT} bytes: a day summary of
 * 25,000 recipients (3 MB of JSON) passes, a fleet's of a million rows does not.
 */
public final class RecordLimit implements Serializable {
    /** A little under the broker's default {@code message.max.bytes} (1,048,588): room for the batch header. */
    public static final int BROKER_DEFAULT = 1_000_000;
    /** What the sinks let the producer take when the user set no {@code max.request.size}. */
    public static final int PRODUCER_DEFAULT = 32 * 1024 * 1024;
    /** Room in a request for a record's key, headers and framing. */
    private static final int OVERHEAD = 4096;

    private static final int LZ4_BLOCK = 64 * 1024;

    private final int maxBytes;
    private final int maxCompressedBytes;

    /**
     * @param maxBytes the largest value, as written
     * @param maxCompressedBytes the largest value compressed with lz4; 0: not checked
     */
    public RecordLimit(int maxBytes, int maxCompressedBytes) {
        this.maxBytes = maxBytes;
        this.maxCompressedBytes = maxCompressedBytes;
    }

    public static RecordLimit of(StreamOptions options) {
        String asked = options.kafkaProperties().get("max.request.size");
        if (asked != null) {
            try {
                return new RecordLimit(Math.max(OVERHEAD, Integer.parseInt(asked.trim()) - OVERHEAD), 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("max.request.size takes a number of bytes, not '" + asked + "'");
            }
        }
        String compression = options.kafkaProperties().getOrDefault("compression.type", "lz4");
        // uncompressed, the broker's limit is the value's size; other codecs compress JSON at
        // least as well as lz4, so its size is a safe estimate for them
        return compression.equals("none")
                ? new RecordLimit(BROKER_DEFAULT, 0)
                : new RecordLimit(PRODUCER_DEFAULT - OVERHEAD, BROKER_DEFAULT);
    }

    public boolean fits(byte[] value) {
        if (value.length > maxBytes) {
            return false;
        }
        return maxCompressedBytes == 0 || value.length <= maxCompressedBytes || lz4Size(value) <= maxCompressedBytes;
    }

    /** Says why a value does not fit, for its dead letter. */
    public String describe(byte[] value) {
        if (value.length > maxBytes) {
            return value.length + " bytes, the limit is " + maxBytes;
        }
        return value.length + " bytes, " + lz4Size(value) + " compressed, the broker's limit is " + maxCompressedBytes;
    }

    /** The size of the value in Kafka's lz4 frames: 64 KB blocks, each compressed on its own. */
    static int lz4Size(byte[] value) {
        LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
        byte[] block = new byte[lz4.maxCompressedLength(LZ4_BLOCK)];
        int size = 7; // frame header
        for (int from = 0; from < value.length; from += LZ4_BLOCK) {
            int length = Math.min(LZ4_BLOCK, value.length - from);
            size += 4 + Math.min(length, lz4.compress(value, from, length, block, 0, block.length));
        }
        return size + 4;
    }

    @Override
    public String toString() {
        return "RecordLimit" + Arrays.toString(new int[] {maxBytes, maxCompressedBytes});
    }
}
