package io.pflogstream.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile log lines made from good ones, seeded: what a log file or a topic from outside may hold.
 * Each is one line (never a '\n' inside; the reader splits there). {@link #kind()} names what the
 * last one is, so a failure or a slow line can be traced to its kind.
 */
public final class HostileLines {
    /** What was done to a good line. */
    public enum Kind {
        /** cut anywhere, mid-field or mid-stamp */
        TRUNCATED,
        /** a few bytes replaced by random bytes */
        RANDOM_BYTES,
        /** overlong encodings, lone continuation bytes, 0xFF, surrogates in UTF-8 */
        INVALID_UTF8,
        /** NULs, carriage returns, escapes and other control characters */
        CONTROL_CHARS,
        /** numbers where numbers go, made huge, negative, fractional, Inf or NaN */
        HUGE_NUMBER,
        /** a queue ID that never ends */
        ENDLESS_QUEUE_ID,
        /** text built to make a regular expression backtrack: repeated openers with no close */
        BACKTRACKING_BAIT,
        /** a line padded past 1 MB */
        HUGE_LINE,
        /** a fragment of one line glued to another */
        SPLICED,
        /** bytes that are not a log line at all */
        NOISE
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern QUEUE_ID = Pattern.compile("\\]: ([0-9A-Za-z]{5,20}): ");
    private static final String[] SPECIAL_NUMBERS = {
        "99999999999999999999999",
        "1e309",
        "-1e309",
        "1e308",
        "inf",
        "-Infinity",
        "NaN",
        "nan",
        "-5",
        "-0",
        "0x7fffffff",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551616",
        "2147483648",
        "1.7976931348623157e308",
        "4.9e-324",
        "00000000000000000000000000000000000000000001",
        "1" + "0".repeat(400),
        "1.",
        ".5",
        "1e",
        "1e+"
    };
    /** Openers of what the parsers look for, to be repeated without their closers. */
    private static final String[] BAIT = {
        "to=<",
        "from=<",
        "<",
        "[",
        "(",
        "]: ",
        ": ",
        "relay=",
        ", size=",
        " said: ",
        "; from=<",
        "connect to ",
        "reject: RCPT from ",
        "warning: ",
        "statistics: max connection rate ",
        "; address ",
        " (port ",
        "orig_to=<",
        "status=",
        "delay=",
        "dsn=",
        "=",
        "\\",
        "a@",
        "[127.0.0.1]:",
        "SASL LOGIN authentication failed: ",
        "sasl_username=",
        "TLS connection established from ",
        "addr ",
        " listed by domain ",
        "\t"
    };

    private final SplittableRandom random;
    private final List<String> good;
    private Kind kind;
    private int base;
    private int baitUpTo = 60_000;

    /** @param good lines to start from (a generated log's) */
    public HostileLines(long seed, List<String> good) {
        this.random = new SplittableRandom(seed);
        this.good = good;
    }

    /**
     * Bait lines of at most this many characters (60,000 unless set: under the default line limit,
     * so they reach the parsers). pflogsumm's own patterns take minutes on the longest.
     */
    public HostileLines baitUpTo(int chars) {
        baitUpTo = chars;
        return this;
    }

    /** Which good line the last one was made from: put it after that one to keep the log in time order. */
    public int baseIndex() {
        return base;
    }

    /** The kind of the line {@link #next} returned last. */
    public Kind kind() {
        return kind;
    }

    /** A hostile line of a random kind, as Latin-1 bytes. */
    public byte[] next() {
        return next(Kind.values()[random.nextInt(Kind.values().length)]);
    }

    /** A hostile line of this kind, as Latin-1 bytes. */
    public byte[] next(Kind k) {
        return next(k, random.nextInt(good.size()));
    }

    /** A hostile line of this kind made from good line {@code from}, as Latin-1 bytes. */
    public byte[] next(Kind k, int from) {
        kind = k;
        base = from;
        String line = good.get(base);
        byte[] out = switch (k) {
            case TRUNCATED -> latin1(line.substring(0, random.nextInt(line.length() + 1)));
            case RANDOM_BYTES -> randomBytes(latin1(line));
            case INVALID_UTF8 ->
                insert(latin1(line), pick(new byte[][] {
                    {(byte) 0xC0, (byte) 0x80},
                    {(byte) 0xFF},
                    {(byte) 0x80},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    {(byte) 0xE2, (byte) 0x82},
                    {(byte) 0xFE, (byte) 0xFF}
                }));
            case CONTROL_CHARS ->
                insert(latin1(line), pick(new byte[][] {
                    {0}, {'\r'}, {0x1B, '[', '3', '1', 'm'}, {'\t'}, {0x0B}, {0x0C}, {0x7F}, {0, 0, 0, 0}, {'\r', '\r'}
                }));
            case HUGE_NUMBER -> latin1(hugeNumber(line));
            case ENDLESS_QUEUE_ID -> latin1(endlessQueueId(line));
            case BACKTRACKING_BAIT -> latin1(bait(line));
            case HUGE_LINE -> latin1(line + " " + "x".repeat(1_048_576 + random.nextInt(1024)));
            case SPLICED ->
                latin1(line.substring(0, random.nextInt(line.length() + 1))
                        + randomLine().substring(random.nextInt(20)));
            case NOISE -> noise();
        };
        return withoutNewlines(out);
    }

    private String randomLine() {
        String l = good.get(random.nextInt(good.size()));
        return l.length() < 20 ? l + " ".repeat(20) : l;
    }

    private byte[] randomBytes(byte[] line) {
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && line.length > 0; i++) {
            line[random.nextInt(line.length)] = (byte) random.nextInt(256);
        }
        return line;
    }

    private byte[] insert(byte[] line, byte[] what) {
        int at = random.nextInt(line.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + what.length);
        out.write(line, 0, at);
        out.write(what, 0, what.length);
        out.write(line, at, line.length - at);
        return out.toByteArray();
    }

    private byte[] pick(byte[][] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One number of the line (its stamp's included) replaced. */
    private String hugeNumber(String line) {
        Matcher m = NUMBER.matcher(line);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return line + " size=" + SPECIAL_NUMBERS[0];
        }
        int target = random.nextInt(count);
        m.reset();
        for (int i = 0; i <= target; i++) {
            m.find();
        }
        String number = random.nextInt(4) == 0
                ? "9".repeat(20 + random.nextInt(400))
                : SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)];
        return line.substring(0, m.start()) + number + line.substring(m.end());
    }

    private String endlessQueueId(String line) {
        Matcher m = QUEUE_ID.matcher(line);
        String id = "ABCDEF0123456789".repeat(600 + random.nextInt(2000));
        if (m.find()) {
            return line.substring(0, m.start(1)) + id + line.substring(m.end(1));
        }
        return line + " " + id + ": removed";
    }

    /** The line's syslog prefix kept, its message replaced by repeated openers. */
    private String bait(String line) {
        int colon = line.indexOf("]: ");
        String prefix = colon > 0 ? line.substring(0, colon + 3) : line.substring(0, Math.min(line.length(), 40));
        StringBuilder b = new StringBuilder(prefix);
        int kinds = 1 + random.nextInt(3);
        int target = Math.min(baitUpTo, 1000 + random.nextInt(60_000));
        while (b.length() < target) {
            for (int k = 0; k < kinds && b.length() < target; k++) {
                b.append(BAIT[random.nextInt(BAIT.length)]);
                if (random.nextInt(4) == 0) {
                    b.append((char) ('a' + random.nextInt(26)));
                }
            }
        }
        return b.toString();
    }

    private byte[] noise() {
        byte[] b = new byte[random.nextInt(400)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] withoutNewlines(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                b[i] = ' ';
            }
        }
        return b;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
