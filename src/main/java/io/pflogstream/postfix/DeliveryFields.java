package io.pflogstream.postfix;

/**
 * The fields of a delivery line, scanned by hand with the exact meaning of pflogsumm's pattern
 * {@code to=<([^>]*)>, (?:orig_to=<[^>]*>, )?relay=([^,]+), (?:conn_use=[^,]+, )?delay=([^,]+),
 * (?:delays=[^,]+, )?(?:dsn=[^,]+, )?status=(\S+)(.*)$} (found anywhere in the line). It runs on
 * every delivery line, where the regular expression was the largest single cost.
 *
 * @param origTo, delays, dsn null when the line has none
 * @param delay Perl's numeric value of the delay field
 * @param tailStart where the text after the status word starts in the line (its "(reply)")
 */
record DeliveryFields(
        String to,
        String origTo,
        String relay,
        double delay,
        String delays,
        String dsn,
        DeliveryStatus status,
        int tailStart) {

    static DeliveryFields find(String s) {
        int from = 0;
        int close = -1;
        int failedClose = -1;
        while (true) {
            int p = s.indexOf("to=<", from);
            if (p < 0) {
                return null;
            }
            from = p + 1;
            if (close < p + 4) {
                close = s.indexOf('>', p + 4);
                if (close < 0) {
                    return null;
                }
            }
            // what follows the '>' decides, and starts that share a '>' share the answer: a line
            // of many "to=<" stays linear
            if (close == failedClose) {
                continue;
            }
            DeliveryFields f = at(s, p, close);
            if (f != null) {
                return f;
            }
            failedClose = close;
        }
    }

    /** The fields of a match starting at p, whose address ends at close (the first '>' after it). */
    private static DeliveryFields at(String s, int p, int close) {
        int i = p + 4;
        if (!s.startsWith(", ", close + 1)) {
            return null;
        }
        String to = s.substring(i, close);
        i = close + 3;
        String origTo = null;
        if (s.startsWith("orig_to=<", i)) {
            int c = s.indexOf('>', i + 9);
            if (c >= 0 && s.startsWith(", ", c + 1)) {
                origTo = s.substring(i + 9, c);
                i = c + 3;
            }
        }
        int relayStart = i + 6;
        int relayEnd = valueEnd(s, i, "relay=");
        if (relayEnd < 0) {
            return null;
        }
        i = relayEnd + 2;
        int connUseEnd = valueEnd(s, i, "conn_use=");
        if (connUseEnd >= 0) {
            i = connUseEnd + 2;
        }
        int delayStart = i + 6;
        int delayEnd = valueEnd(s, i, "delay=");
        if (delayEnd < 0) {
            return null;
        }
        i = delayEnd + 2;
        String delays = null;
        int end = valueEnd(s, i, "delays=");
        if (end >= 0) {
            delays = s.substring(i + 7, end);
            i = end + 2;
        }
        String dsn = null;
        end = valueEnd(s, i, "dsn=");
        if (end >= 0) {
            dsn = s.substring(i + 4, end);
            i = end + 2;
        }
        if (!s.startsWith("status=", i)) {
            return null;
        }
        int statusStart = i + 7;
        int statusEnd = statusStart;
        while (statusEnd < s.length() && !isSpace(s.charAt(statusEnd))) {
            statusEnd++;
        }
        if (statusEnd == statusStart || s.indexOf('\n', statusEnd) >= 0) {
            return null;
        }
        return new DeliveryFields(
                to,
                origTo,
                s.substring(relayStart, relayEnd),
                PostfixEventParser.perlNumber(s, delayStart, delayEnd),
                delays,
                dsn,
                DeliveryStatus.of(s, statusStart, statusEnd),
                statusEnd);
    }

    /** {@code name([^,]+), } at {@code i}: where the value ends (it starts after the name), or -1. */
    private static int valueEnd(String s, int i, String name) {
        if (!s.startsWith(name, i)) {
            return -1;
        }
        int start = i + name.length();
        int comma = s.indexOf(',', start);
        if (comma <= start || comma + 1 >= s.length() || s.charAt(comma + 1) != ' ') {
            return -1;
        }
        return comma;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r'); // \t \n \v \f \r are 9..13
    }
}
