package io.pflogstream.postfix;

/**
 * The fields of a delivery line, scanned by hand with the exact meaning of pflogsumm's pattern
 * {@code to=<([^>]*)>, (?:orig_to=<[^>]*>, )?relay=([^,]+), (?:conn_use=[^,]+, )?delay=([^,]+),
 * (?:delays=[^,]+, )?(?:dsn=[^,]+, )?status=(\S+)(.*)$} (found anywhere in the line). It runs on
 * every delivery line, where the regular expression was the largest single cost.
 *
 * @param origTo, delays, dsn null when the line has none
 */
record DeliveryFields(String to, String origTo, String relay, String delay, String delays, String dsn,
        String status, String tail) {

    static DeliveryFields find(String s) {
        int from = 0;
        while (true) {
            int p = s.indexOf("to=<", from);
            if (p < 0) {
                return null;
            }
            DeliveryFields f = at(s, p);
            if (f != null) {
                return f;
            }
            from = p + 1;
        }
    }

    private static DeliveryFields at(String s, int p) {
        int i = p + 4;
        int close = s.indexOf('>', i);
        if (close < 0 || !s.startsWith(", ", close + 1)) {
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
        int[] relay = value(s, i, "relay=");
        if (relay == null) {
            return null;
        }
        i = relay[1] + 2;
        int[] connUse = value(s, i, "conn_use=");
        if (connUse != null) {
            i = connUse[1] + 2;
        }
        int[] delay = value(s, i, "delay=");
        if (delay == null) {
            return null;
        }
        i = delay[1] + 2;
        String delays = null;
        int[] d = value(s, i, "delays=");
        if (d != null) {
            delays = s.substring(d[0], d[1]);
            i = d[1] + 2;
        }
        String dsn = null;
        d = value(s, i, "dsn=");
        if (d != null) {
            dsn = s.substring(d[0], d[1]);
            i = d[1] + 2;
        }
        if (!s.startsWith("status=", i)) {
            return null;
        }
        int st = i + 7;
        int end = st;
        while (end < s.length() && !isSpace(s.charAt(end))) {
            end++;
        }
        if (end == st || s.indexOf('\n', end) >= 0) {
            return null;
        }
        return new DeliveryFields(to, origTo, s.substring(relay[0], relay[1]), s.substring(delay[0], delay[1]),
                delays, dsn, s.substring(st, end), s.substring(end));
    }

    /** {@code name([^,]+), } at {@code i}: {start, end} of the value, or null. */
    private static int[] value(String s, int i, String name) {
        if (!s.startsWith(name, i)) {
            return null;
        }
        int start = i + name.length();
        int comma = s.indexOf(',', start);
        if (comma <= start || comma + 1 >= s.length() || s.charAt(comma + 1) != ' ') {
            return null;
        }
        return new int[] {start, comma};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r'); // \t \n \v \f \r are 9..13
    }
}
