package io.pflogstream.parse;

/**
 * Input that no rule took: the raw line, why, and where it came from. Nothing is dropped silently.
 * The copy of the line is cut at {@link #COPY_LIMIT} characters so that a dead letter always fits
 * a Kafka record, whatever came in.
 */
public record DeadLetter(String source, long seq, String line, String reason) {
    /** rsyslog's default maximum message size: any real syslog line fits whole. */
    public static final int COPY_LIMIT = 8192;
    /** The position of a dead letter that is no input line (a record too large to send). */
    public static final long NO_POSITION = -1;
    /** What ends a copy that was cut. */
    public static final String CUT = "...";

    /** The reason a dead letter gives for a line over {@code --max-line-length}. */
    public static String tooLong(int maxLineLength) {
        return "line longer than --max-line-length (" + maxLineLength + " bytes)";
    }

    /** A line's bytes for a dead letter: whole when they fit {@code limit} (and the copy limit), else cut. */
    public static String copy(byte[] bytes, int start, int end, int limit) {
        int keep = Math.min(end - start, Math.min(limit, COPY_LIMIT));
        String text = new String(bytes, start, keep, java.nio.charset.StandardCharsets.ISO_8859_1);
        return keep < end - start ? text + CUT : text;
    }

    public DeadLetter {
        if (line.length() > COPY_LIMIT) {
            line = line.substring(0, COPY_LIMIT) + CUT;
        }
    }
}
