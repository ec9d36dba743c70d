package io.pflogstream.postfix;

/**
 * Hand-written equivalents of the patterns that run on most lines (qmgr's {@code from=}, cleanup's
 * {@code message-id=}, smtpd's {@code client=}, connect and disconnect). Each method states the
 * pattern it replaces and finds what {@code Matcher.find()} would: the leftmost place it matches.
 * The differential tests against pflogsumm cover them with every log the project has.
 */
final class LineScan {
    private LineScan() {}

    /** {@code from=<([^>]*)>, size=(\d+)}: [sender, size digits], or null. */
    static String[] queueEntry(String s) {
        int close = -1;
        for (int p = s.indexOf("from=<"); p >= 0; p = s.indexOf("from=<", p + 1)) {
            if (close < p + 6) {
                // starts before the last '>' found share it: a line of many "from=<" stays linear
                close = s.indexOf('>', p + 6);
                if (close < 0) {
                    return null; // no '>' after this start, so none after any later start
                }
            }
            if (s.startsWith(", size=", close + 1)) {
                int d = close + 8;
                int end = digitsEnd(s, d);
                if (end > d) {
                    return new String[] {s.substring(p + 6, close), s.substring(d, end)};
                }
            }
        }
        return null;
    }

    /** {@code <marker>(\d+)} with a literal marker: the digits, or null. */
    static String digitsAfter(String s, String marker) {
        for (int p = s.indexOf(marker); p >= 0; p = s.indexOf(marker, p + 1)) {
            int d = p + marker.length();
            int end = digitsEnd(s, d);
            if (end > d) {
                return s.substring(d, end);
            }
        }
        return null;
    }

    /** {@code <marker>(.*)$} with a literal marker, on a line without newlines: the rest, or null. */
    static String restAfter(String s, String marker) {
        int p = s.indexOf(marker);
        return p < 0 ? null : s.substring(p + marker.length());
    }

    /** {@code <marker>(.+)$}: the non-empty rest after the first marker that has one, or null. */
    static String nonEmptyRestAfter(String s, String marker) {
        int p = s.indexOf(marker);
        while (p >= 0 && p + marker.length() >= s.length()) {
            p = s.indexOf(marker, p + 1);
        }
        return p < 0 ? null : s.substring(p + marker.length());
    }

    /** {@code : from=<([^>]*)>, status=expired}: the sender, or null. */
    static String expiredSender(String s) {
        for (int p = s.indexOf(": from=<"); p >= 0; p = s.indexOf(": from=<", p + 1)) {
            int close = s.indexOf('>', p + 8);
            if (close < 0) {
                return null;
            }
            if (s.startsWith(", status=expired", close + 1)) {
                return s.substring(p + 8, close);
            }
        }
        return null;
    }

    /** {@code \[\d+\]: \w+: client=(.+?)(,|$)}: the client, or null. */
    static String smtpdClient(String s) {
        for (int p = s.indexOf(": client="); p >= 0; p = s.indexOf(": client=", p + 1)) {
            if (!afterPidAndWord(s, p)) {
                continue;
            }
            int c = p + 9;
            if (c >= s.length()) {
                continue; // (.+?) needs a character
            }
            int comma = s.indexOf(',', c + 1);
            return comma < 0 ? s.substring(c) : s.substring(c, comma);
        }
        return null;
    }

    /**
     * {@code \[\d+\]: \w+: (reject(?:_warning)?|hold|discard): }: the action word, or null. Each
     * ": " is tried in turn; an earlier one that works is also the earlier match.
     */
    static String smtpdAction(String s) {
        for (int p = s.indexOf(": "); p >= 0; p = s.indexOf(": ", p + 1)) {
            int w = p + 2;
            String word = s.startsWith("reject: ", w)
                    ? "reject"
                    : s.startsWith("reject_warning: ", w)
                            ? "reject_warning"
                            : s.startsWith("hold: ", w) ? "hold" : s.startsWith("discard: ", w) ? "discard" : null;
            if (word != null && afterPidAndWord(s, p)) {
                return word;
            }
        }
        return null;
    }

    /** {@code sasl_username=([^,\s]+)}: the user, or null. */
    static String saslUser(String s) {
        for (int p = s.indexOf("sasl_username="); p >= 0; p = s.indexOf("sasl_username=", p + 1)) {
            int i = p + 14;
            int end = i;
            while (end < s.length() && s.charAt(end) != ',' && !regexSpace(s.charAt(end))) {
                end++;
            }
            if (end > i) {
                return s.substring(i, end);
            }
        }
        return null;
    }

    /** {@code /smtpd\[(\d+)\]: <after>}: the PID of the first such tag, or null. */
    static String smtpdPid(String s, String after) {
        for (int p = s.indexOf("/smtpd["); p >= 0; p = s.indexOf("/smtpd[", p + 1)) {
            int d = p + 7;
            int end = digitsEnd(s, d);
            if (end > d && s.startsWith("]: ", end) && s.startsWith(after, end + 3)) {
                return s.substring(d, end);
            }
        }
        return null;
    }

    /** {@code /smtpd\[(\d+)\]: disconnect from (.+)$}: [PID, client], or null. */
    static String[] smtpdDisconnect(String s) {
        for (int p = s.indexOf("/smtpd["); p >= 0; p = s.indexOf("/smtpd[", p + 1)) {
            int d = p + 7;
            int end = digitsEnd(s, d);
            int client = end + 3 + 16;
            if (end > d && s.startsWith("]: disconnect from ", end) && client < s.length()) {
                return new String[] {s.substring(d, end), s.substring(client)};
            }
        }
        return null;
    }

    /**
     * {@code <marker>([^)]+)}, the deferral reason ({@code , status=deferred \(([^)]+)}): the text
     * from the first marker followed by a character other than ')' up to the next ')' or the end.
     */
    static String untilCloseParen(String s, String marker) {
        for (int p = s.indexOf(marker); p >= 0; p = s.indexOf(marker, p + 1)) {
            int start = p + marker.length();
            int end = start;
            while (end < s.length() && s.charAt(end) != ')') { // [^)] takes a newline too
                end++;
            }
            if (end > start) {
                return s.substring(start, end);
            }
        }
        return null;
    }

    /**
     * {@code <marker>(.+)\)}, the bounce reason ({@code , status=bounced \((.+)\)}): from the first
     * marker to the last ')' on its line, at least one character between them.
     */
    static String untilLastCloseParen(String s, String marker) {
        for (int p = s.indexOf(marker); p >= 0; p = s.indexOf(marker, p + 1)) {
            int start = p + marker.length();
            int lineEnd = s.indexOf('\n', start);
            int close = s.lastIndexOf(')', (lineEnd < 0 ? s.length() : lineEnd) - 1);
            if (close > start) {
                return s.substring(start, close);
            }
        }
        return null;
    }

    private static final String[] ACTION_WORDS = {"reject", "reject_warning", "hold", "discard"};

    /**
     * {@code ^.* \b(?:reject(?:_warning)?|hold|discard): (\S+) from (\S+?): (.*)$} (matched against the
     * whole line): [stage, client, rest], or null. The greedy {@code .*} makes the rightmost action
     * word that lets the rest match win; action words hold no ':', so that is the one before the
     * rightmost ": " that works, and one backward pass over the colons finds it.
     */
    static String[] policyAction(String s) {
        if (s.indexOf('\n') >= 0) {
            return null; // neither . nor \S crosses a newline, and the pattern must cover the whole line
        }
        for (int c = s.lastIndexOf(':'); c > 0; c = s.lastIndexOf(':', c - 1)) {
            if (c + 1 >= s.length() || s.charAt(c + 1) != ' ') {
                continue;
            }
            for (String word : ACTION_WORDS) {
                int start = c - word.length();
                if (start > 0 && s.charAt(start - 1) == ' ' && s.startsWith(word, start)) {
                    String[] parts = policyActionAt(s, c + 2);
                    if (parts != null) {
                        return parts;
                    }
                }
            }
        }
        return null;
    }

    private static String[] policyActionAt(String s, int stageStart) {
        int stageEnd = stageStart;
        while (stageEnd < s.length() && !regexSpace(s.charAt(stageEnd))) {
            stageEnd++;
        }
        if (stageEnd == stageStart || !s.startsWith(" from ", stageEnd)) {
            return null;
        }
        int client = stageEnd + 6;
        for (int j = client + 1; j <= s.length() && !regexSpace(s.charAt(j - 1)); j++) {
            if (s.startsWith(": ", j)) {
                return new String[] {s.substring(stageStart, stageEnd), s.substring(client, j), s.substring(j + 2)};
            }
        }
        return null;
    }

    /** Is {@code s[0, p)} ending in {@code [\d+]: \w+}? (the part of a pattern before ": client=") */
    private static boolean afterPidAndWord(String s, int p) {
        int w = p;
        while (w > 0 && wordChar(s.charAt(w - 1))) {
            w--;
        }
        if (w == p || w < 3 || !s.startsWith("]: ", w - 3)) {
            return false;
        }
        int d = w - 3;
        int digits = d;
        while (digits > 0 && s.charAt(digits - 1) >= '0' && s.charAt(digits - 1) <= '9') {
            digits--;
        }
        return digits < d && digits > 0 && s.charAt(digits - 1) == '[';
    }

    static int digitsEnd(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** {@code \w} without UNICODE_CHARACTER_CLASS: [a-zA-Z_0-9]. */
    static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code \s} without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r]. */
    static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
