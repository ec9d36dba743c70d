package io.pflogstream.syslog;

import io.pflogstream.config.ReadOptions;
import io.pflogstream.config.YearRule;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strips the syslog envelope once: timestamp (traditional or RFC 3339), host, program tag. Which
 * lines count as Postfix's, and how the daemon name and first token are read, follows pflogsumm
 * 1.1.5 exactly, since every later stage depends on it. Not thread-safe: it keeps what it scanned
 * of the current line, and the hosts it has seen; one per thread.
 */
public final class SyslogEnvelopeParser implements Serializable {
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    // UNIX_LINES: like Perl, '.' must match every character but \n (logs are read as Latin-1 bytes)
    private static final int FLAGS = Pattern.UNIX_LINES;
    private static final Pattern SOLARIS_ID = Pattern.compile(": \\[ID \\d+ [^\\]]+\\] ", FLAGS);
    private static final Pattern RFC3339 = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?"
                    + "([+\\-]\\d{2}:\\d{2}|Z) (\\S+) (.+)$",
            FLAGS);
    private static final Pattern POSTFIX_SCRIPT =
            Pattern.compile("^((?:postfix)(?:-script)?)(?:\\[\\d+\\])?: ([^:\\s]+)", FLAGS);
    private static final Pattern PROGRAM = Pattern.compile("^([^\\s\\[:]+)", FLAGS);

    /** "postfix" and the --syslog-name values, tried in this order as pflogsumm's alternation does. */
    private final String[] tagPrefixes;

    private final int thisYear;
    private final int thisMonth;
    private final YearRule yearRule;
    private final Integer explicitYear;
    private final boolean exact;
    private final int todayDay;
    /** host → {year, month} of its last traditional stamp (per parser instance: one reader's lines). */
    private final java.util.Map<String, int[]> hostYears = new java.util.HashMap<>();
    /** Where RFC 3339 stamps are converted to, or null to keep the wall clock as written (pflogsumm). */
    private final java.time.ZoneId zone;

    private final String dayPrefixTraditional;
    /** yyyymmdd bounds of -d with a date or range; 0 when unset. */
    private final int rangeFrom;

    private final int rangeTo;
    private final String dayPrefixRfc3339;

    public SyslogEnvelopeParser(ReadOptions options) {
        List<String> prefixes = new java.util.ArrayList<>();
        prefixes.add("postfix");
        prefixes.addAll(options.syslogNames());
        this.tagPrefixes = prefixes.toArray(new String[0]);
        LocalDate today = options.today();
        this.thisYear = today.getYear();
        this.thisMonth = today.getMonthValue() - 1;
        this.yearRule = options.yearRule();
        this.explicitYear = options.year();
        this.exact = options.yearsFollowLines();
        this.todayDay = options.today().getDayOfMonth();
        this.zone = options.timeZone();
        LocalDate day = options.filterDate();
        this.dayPrefixTraditional =
                day == null ? null : String.format("%s %2d ", MONTHS[day.getMonthValue() - 1], day.getDayOfMonth());
        this.rangeFrom = options.dateFrom() == null ? 0 : dateKey(options.dateFrom());
        this.rangeTo = options.dateTo() == null ? 0 : dateKey(options.dateTo());
        this.dayPrefixRfc3339 = day == null
                ? null
                : String.format("%04d-%02d-%02dT", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** Whether the year of a traditional stamp depends on the host's earlier lines (see traditionalYear). */
    public static boolean followsYears(ReadOptions options) {
        return options.year() != null || options.yearsFollowLines();
    }

    /**
     * A line as a String of Latin-1 characters, as every reader here makes them (a character above
     * 0xFF would be read by its low byte in the stamp and host; the rest is kept as it is).
     */
    public EnvelopeResult parse(String raw, long seq) {
        if (outsideDay(raw)) {
            return new EnvelopeResult.OutsideDay();
        }
        String line = withoutSolarisId(raw);
        byte[] bytes = latin1(line);
        if (scanTraditional(bytes, 0, line.length()) && line.indexOf('\n', hostEnd) < 0) {
            return traditional(bytes, 0, line.substring(hostEnd + 1), seq);
        }
        return rfc3339(line, seq);
    }

    /**
     * A line as Latin-1 bytes from start to end, with no '\n' in it (the file source splits there):
     * the common shape is read straight from the bytes, and only the text after the host copied out.
     */
    public EnvelopeResult parse(byte[] bytes, int start, int end, long seq) {
        if (dayPrefixTraditional != null
                && !startsWith(bytes, start, end, dayPrefixTraditional)
                && !startsWith(bytes, start, end, dayPrefixRfc3339)) {
            return new EnvelopeResult.OutsideDay();
        }
        if (!scanTraditional(bytes, start, end)) {
            // an RFC 3339 stamp or none; a Solaris ID does not change what the scan found
            return rfc3339(withoutSolarisId(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1)), seq);
        }
        String remainder = new String(bytes, hostEnd + 1, end - hostEnd - 1, StandardCharsets.ISO_8859_1);
        // a Solaris message ID (": [ID n facility] ") always has its "[ID " after the host
        if (remainder.indexOf("[ID ") < 0) {
            return traditional(bytes, start, remainder, seq);
        }
        return parse(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1), seq);
    }

    /** pflogsumm's {@code s/: \[ID \d+ [^\]]+\] /: /}: Solaris syslog's message ID out of the way. */
    private static String withoutSolarisId(String line) {
        return line.indexOf("[ID ") >= 0 ? SOLARIS_ID.matcher(line).replaceFirst(": ") : line;
    }

    private boolean outsideDay(String raw) {
        return dayPrefixTraditional != null
                && !raw.startsWith(dayPrefixTraditional)
                && !raw.startsWith(dayPrefixRfc3339);
    }

    /** A line whose traditional stamp and host scanTraditional found. */
    private EnvelopeResult traditional(byte[] bytes, int start, String remainder, long seq) {
        int month = monthNumber(bytes, start);
        if (month < 0) {
            return new EnvelopeResult.Malformed(
                    "unknown month name '" + new String(bytes, start, 3, StandardCharsets.ISO_8859_1) + "'");
        }
        String host = hostName(bytes, hostStart, hostEnd);
        int year = traditionalYear(host, month, scannedDay);
        return postfixOrOther(seq, host, year, month, scannedDay, scannedHour, scannedMinute, scannedSecond, remainder);
    }

    private EnvelopeResult rfc3339(String line, long seq) {
        Matcher m = RFC3339.matcher(line);
        if (!m.matches()) {
            return new EnvelopeResult.Malformed("no syslog timestamp (traditional or RFC 3339)");
        }
        int writtenYear = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2)) - 1;
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (month < 0 || month > 11) {
            return new EnvelopeResult.Malformed("month out of range in RFC 3339 timestamp");
        }
        if (zone != null) {
            // the instant the stamp names, read on the report's clock
            try {
                java.time.LocalDateTime local = java.time.OffsetDateTime.of(
                                writtenYear,
                                month + 1,
                                day,
                                hour,
                                minute,
                                Math.min(second, 59),
                                0,
                                java.time.ZoneOffset.of(m.group(7)))
                        .atZoneSameInstant(zone)
                        .toLocalDateTime();
                writtenYear = local.getYear();
                month = local.getMonthValue() - 1;
                day = local.getDayOfMonth();
                hour = local.getHour();
                minute = local.getMinute();
            } catch (java.time.DateTimeException e) {
                return new EnvelopeResult.Malformed("impossible RFC 3339 timestamp: " + e.getMessage());
            }
        }
        int year = yearRule == YearRule.HONOUR_RFC3339 ? writtenYear : guessYear(month);
        return postfixOrOther(seq, m.group(8), year, month, day, hour, minute, second, m.group(9));
    }

    /** After the stamp and host: range checks, then whose line it is by its program tag. */
    private EnvelopeResult postfixOrOther(
            long seq, String host, int year, int month, int day, int hour, int minute, int second, String remainder) {
        if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return new EnvelopeResult.Malformed("timestamp field out of range");
        }
        if (rangeFrom != 0) {
            int date = year * 10000 + (month + 1) * 100 + day;
            if (date < rangeFrom || date > rangeTo) {
                return new EnvelopeResult.OutsideDay();
            }
        }
        String daemon;
        String token;
        if (scanPostfixTag(remainder)) {
            if (!pidIsNumber(remainder, daemonEnd)) {
                // Postfix writes digits there; pflogsumm would pair such a line's connection by a
                // stale PID from an earlier line (Perl keeps $1 when a match fails)
                return new EnvelopeResult.Malformed("the program tag's PID is not a number");
            }
            daemon = daemonName(remainder, daemonStart, daemonEnd);
            token = remainder.substring(tokenStart, tokenEnd);
        } else {
            Matcher script = POSTFIX_SCRIPT.matcher(remainder);
            if (!script.find()) {
                Matcher program = PROGRAM.matcher(remainder);
                return new EnvelopeResult.OtherProgram(program.find() ? program.group(1) : "");
            }
            daemon = script.group(1);
            token = script.group(2);
        }
        return new EnvelopeResult.Postfix(
                new SyslogLine(seq, host, year, month, day, hour, minute, second, remainder, daemon, token));
    }

    /** The line's characters as bytes, one each (the low byte), in a buffer this parser reuses. */
    @SuppressWarnings("deprecation") // exactly the copy wanted: one byte per char, a plain array copy for Latin-1
    private byte[] latin1(String line) {
        int n = line.length();
        if (scratch == null || scratch.length < n) {
            scratch = new byte[Math.max(n, 512)];
        }
        line.getBytes(0, n, scratch, 0);
        return scratch;
    }

    private static boolean startsWith(byte[] b, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The year of a stamp that has none. pflogsumm's guess by default. With {@code --year}, or in
     * the corrected mode, each host's years are followed along its lines: the first line gets the
     * given year (or the latest year that does not put it after today), and a month that goes back
     * (December → January) starts the next year.
     */
    private int traditionalYear(String host, int month, int day) {
        if (explicitYear == null && !exact) {
            return guessYear(month);
        }
        int[] last = hostYears.get(host);
        if (last == null) {
            int first = explicitYear != null ? explicitYear : latestNotAfterToday(month, day);
            hostYears.put(host, new int[] {first, month});
            return first;
        }
        if (month < last[1] && last[1] - month > 6) {
            last[0]++;
        } else if (month > last[1] && month - last[1] > 6) {
            last[0]--; // a line from before the new year arrives late
        }
        last[1] = month;
        return last[0];
    }

    private int latestNotAfterToday(int month, int day) {
        int y = thisYear;
        if (month > thisMonth || (month == thisMonth && day > todayDay)) {
            y--;
        }
        return y;
    }

    // What the scanners found in the current line: fields, not a new object per line (the parser
    // runs on every line and belongs to one thread)
    private transient int scannedDay;
    private transient int scannedHour;
    private transient int scannedMinute;
    private transient int scannedSecond;
    private transient int hostStart;
    private transient int hostEnd;
    private transient int daemonStart;
    private transient int daemonEnd;
    private transient int tokenStart;
    private transient int tokenEnd;
    /** Host names seen, so each line does not copy its host's name (a fleet has few). */
    private transient String[] hostNames;

    private transient byte[][] hostBytes;
    private transient String lastHost;
    private transient byte[] lastHostBytes;
    /** The String path's line as bytes, for the scanners. */
    private transient byte[] scratch;

    /**
     * pflogsumm's {@code ^(...) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) (.+)$}, scanned by
     * hand over bytes: it runs on every line. Sets the scanned fields and hostStart/hostEnd. A
     * newline after the host is the caller's to rule out.
     */
    private boolean scanTraditional(byte[] s, int start, int n) {
        if (n - start < 4 || s[start + 3] != ' ' || s[start] == '\n' || s[start + 1] == '\n' || s[start + 2] == '\n') {
            return false;
        }
        int i = start + 4;
        if (i < n && s[i] == ' ') {
            i++;
        }
        int dayStart = i;
        while (i < n && i - dayStart < 2 && isDigit(s[i])) {
            i++;
        }
        if (i == dayStart || i >= n || s[i] != ' ') {
            return false;
        }
        int day = s[dayStart] - '0';
        if (i - dayStart == 2) {
            day = day * 10 + s[dayStart + 1] - '0';
        }
        i++;
        if (i + 9 > n
                || !isDigit(s[i])
                || !isDigit(s[i + 1])
                || s[i + 2] != ':'
                || !isDigit(s[i + 3])
                || !isDigit(s[i + 4])
                || s[i + 5] != ':'
                || !isDigit(s[i + 6])
                || !isDigit(s[i + 7])
                || s[i + 8] != ' ') {
            return false;
        }
        int hour = (s[i] - '0') * 10 + s[i + 1] - '0';
        int minute = (s[i + 3] - '0') * 10 + s[i + 4] - '0';
        int second = (s[i + 6] - '0') * 10 + s[i + 7] - '0';
        int host = i + 9;
        int j = host;
        while (j < n && !isSpace(s[j])) {
            j++;
        }
        // \S+ then one space then at least one character
        if (j == host || j + 1 >= n || s[j] != ' ') {
            return false;
        }
        scannedDay = day;
        scannedHour = hour;
        scannedMinute = minute;
        scannedSecond = second;
        hostStart = host;
        hostEnd = j;
        return true;
    }

    /**
     * pflogsumm's {@code ^(?:postfix|NAME)(?:/(?:smtps|submission))?/([^\[:]*).*?: ([^:\s]+)}, by
     * hand: sets daemonStart, daemonEnd, tokenStart, tokenEnd, or returns false.
     */
    private boolean scanPostfixTag(String r) {
        for (String prefix : tagPrefixes) {
            if (!r.startsWith(prefix)) {
                continue;
            }
            int i = prefix.length();
            int daemonStart;
            if (r.startsWith("/smtps/", i)) {
                daemonStart = i + 7;
            } else if (r.startsWith("/submission/", i)) {
                daemonStart = i + 12;
            } else if (i < r.length() && r.charAt(i) == '/') {
                daemonStart = i + 1;
            } else {
                continue;
            }
            int daemonEnd = daemonStart;
            while (daemonEnd < r.length() && r.charAt(daemonEnd) != '[' && r.charAt(daemonEnd) != ':') {
                daemonEnd++;
            }
            int from = daemonEnd;
            while (true) {
                int colon = r.indexOf(": ", from);
                if (colon < 0) {
                    break;
                }
                int tokenStart = colon + 2;
                int tokenEnd = tokenStart;
                while (tokenEnd < r.length() && r.charAt(tokenEnd) != ':' && !isSpace(r.charAt(tokenEnd))) {
                    tokenEnd++;
                }
                if (tokenEnd > tokenStart) {
                    this.daemonStart = daemonStart;
                    this.daemonEnd = daemonEnd;
                    this.tokenStart = tokenStart;
                    this.tokenEnd = tokenEnd;
                    return true;
                }
                from = colon + 1;
            }
        }
        return false;
    }

    /** No PID, or "[digits]" at i. */
    private static boolean pidIsNumber(String r, int i) {
        if (i >= r.length() || r.charAt(i) != '[') {
            return true;
        }
        int j = i + 1;
        while (j < r.length() && isDigit(r.charAt(j))) {
            j++;
        }
        return j > i + 1 && j < r.length() && r.charAt(j) == ']';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Java's (and Perl's C-locale) \s: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r'); // \t \n \v \f \r are 9..13
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** pflogsumm: "If the log line's month is greater than our current month, we've probably had a year rollover". */
    private int guessYear(int month) {
        return month > thisMonth ? thisYear - 1 : thisYear;
    }

    private static int dateKey(LocalDate d) {
        return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    /** The month of a traditional stamp from its first three bytes, without cutting them out. */
    private static int monthNumber(byte[] b, int at) {
        byte second = b[at + 1];
        byte third = b[at + 2];
        int guess = switch (b[at]) {
            case 'J' -> second == 'a' ? 0 : third == 'n' ? 5 : 6;
            case 'F' -> 1;
            case 'M' -> third == 'r' ? 2 : 4;
            case 'A' -> second == 'p' ? 3 : 7;
            case 'S' -> 8;
            case 'O' -> 9;
            case 'N' -> 10;
            case 'D' -> 11;
            default -> -1;
        };
        return guess >= 0 && startsWith(b, at, at + 3, MONTHS[guess]) ? guess : -1;
    }

    /** Postfix's own program names: shared instances, so every line does not copy its daemon's name. */
    private static final String[] DAEMONS = {
        "smtpd",
        "qmgr",
        "cleanup",
        "smtp",
        "local",
        "lmtp",
        "virtual",
        "pipe",
        "bounce",
        "pickup",
        "postscreen",
        "master",
        "anvil",
        "scache",
        "dnsblog",
        "tlsmgr",
        "tlsproxy",
        "error",
        "discard",
        "trivial-rewrite",
        "verify",
        "postdrop",
        "sendmail",
        "postsuper",
        "showq",
        "flush",
        "spawn"
    };
    /** DAEMONS by length and first letter, for a lookup that compares at most a name or two. */
    private static final String[][] DAEMONS_BY_KEY = new String[32 * 26][];

    static {
        for (String d : DAEMONS) {
            int k = d.length() * 26 + d.charAt(0) - 'a';
            String[] old = DAEMONS_BY_KEY[k];
            String[] now = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = d;
            DAEMONS_BY_KEY[k] = now;
        }
    }

    private static String daemonName(String r, int start, int end) {
        int length = end - start;
        char first = length > 0 ? r.charAt(start) : 0;
        if (length < 32 && first >= 'a' && first <= 'z') {
            String[] candidates = DAEMONS_BY_KEY[length * 26 + first - 'a'];
            if (candidates != null) {
                for (String d : candidates) {
                    if (r.startsWith(d, start)) {
                        return d;
                    }
                }
            }
        }
        return r.substring(start, end);
    }

    private String hostName(byte[] b, int start, int end) {
        if (hostNames == null) {
            hostNames = new String[256];
            hostBytes = new byte[256][];
        }
        if (lastHostBytes != null && java.util.Arrays.equals(lastHostBytes, 0, lastHostBytes.length, b, start, end)) {
            return lastHost; // one host's lines come in runs
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 8)) & (hostNames.length - 1);
        byte[] known = hostBytes[slot];
        if (known == null || !java.util.Arrays.equals(known, 0, known.length, b, start, end)) {
            known = java.util.Arrays.copyOfRange(b, start, end);
            hostBytes[slot] = known;
            hostNames[slot] = new String(known, StandardCharsets.ISO_8859_1);
        }
        lastHost = hostNames[slot];
        lastHostBytes = known;
        return lastHost;
    }
}
