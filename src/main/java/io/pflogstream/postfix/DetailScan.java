package io.pflogstream.postfix;

/**
 * Hand-written equivalents of the patterns for line shapes that are not the most common but still
 * come by the thousand a day: cleanup actions, postscreen verdicts, bounce notifications, TLS
 * sessions. Like {@link LineScan}, each method names its pattern and returns what
 * {@code Matcher.find()} would capture, or null; where a pattern has {@code .}, which stops at a
 * newline, text with a newline is left to the caller's pattern.
 */
final class DetailScan {
    private DetailScan() {}

    private static final String[] CLEANUP_ACTIONS = {"milter-reject", "reject", "warning", "hold", "discard"};
    private static final String[] CLEANUP_PARTS = {"header", "body", "END-OF-MESSAGE"};

    /**
     * {@code /cleanup\[\d+\]: .*?\b((?:milter-)?reject|warning|hold|discard): (header|body|END-OF-MESSAGE) (.*)$}:
     * [action, part, detail, the match from "/cleanup["], or null. The first tag that works decides
     * (a later one only searches less of the line), then the nearest action word after it.
     */
    static String[] cleanupAction(String s) {
        for (int c = s.indexOf("/cleanup["); c >= 0; c = s.indexOf("/cleanup[", c + 1)) {
            int digits = c + 9;
            int end = LineScan.digitsEnd(s, digits);
            if (end == digits || !s.startsWith("]: ", end)) {
                continue;
            }
            for (int p = end + 3; p < s.length(); p++) {
                if (isBoundWord(s.charAt(p - 1))) {
                    continue; // \b: the action word must start a word
                }
                for (String action : CLEANUP_ACTIONS) {
                    if (!s.startsWith(action, p) || !s.startsWith(": ", p + action.length())) {
                        continue;
                    }
                    int part = p + action.length() + 2;
                    for (String name : CLEANUP_PARTS) {
                        if (s.startsWith(name, part) && s.startsWith(" ", part + name.length())) {
                            return new String[] {action, name, s.substring(part + name.length() + 1), s.substring(c)};
                        }
                    }
                }
            }
            return null;
        }
        return null;
    }

    /**
     * {@code s/( from \S+?)?; from=<.*$//}: the detail of a cleanup action without its envelope
     * tail. At each place the optional " from HOST" is tried first, with the shortest host.
     */
    static String withoutEnvelopeTail(String d) {
        for (int s = 0; s < d.length(); s++) {
            if (d.startsWith(" from ", s)) {
                for (int e = s + 7; e <= d.length() && !LineScan.regexSpace(d.charAt(e - 1)); e++) {
                    if (d.startsWith("; from=<", e)) {
                        return d.substring(0, s);
                    }
                }
            } else if (d.startsWith("; from=<", s)) {
                return d.substring(0, s);
            }
        }
        return d;
    }

    /** A word character as {@code \b} sees it (Java's: letters and digits of any script, and '_'). */
    private static boolean isBoundWord(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static final String[] VERDICTS = {
        "PASS NEW",
        "PASS OLD",
        "ALLOWLISTED",
        "WHITELISTED",
        "DENYLISTED",
        "BLACKLISTED",
        "PREGREET",
        "HANGUP",
        "DNSBL rank ",
        "BARE NEWLINE",
        "COMMAND PIPELINING",
        "NON-SMTP COMMAND",
        "COMMAND TIME LIMIT",
        "COMMAND COUNT LIMIT",
        "COMMAND LENGTH LIMIT",
        "CONNECT from",
        "DISCONNECT",
        "WHITELIST VETO",
        "ALLOWLIST VETO"
    };

    /**
     * {@code \]: (PASS NEW|...|DNSBL rank \d+|...|ALLOWLIST VETO).*?\[([0-9A-Fa-f.:]+)\]}: [verdict,
     * address], or null. At most one verdict fits at a place, and a shorter rank only lets the
     * address search start earlier over digits, which cannot hold a '['.
     */
    static String[] postscreenVerdict(String s) {
        for (int p = s.indexOf("]: "); p >= 0; p = s.indexOf("]: ", p + 1)) {
            int v = p + 3;
            for (String verdict : VERDICTS) {
                if (!s.startsWith(verdict, v)) {
                    continue;
                }
                int after = v + verdict.length();
                if (verdict.equals("DNSBL rank ")) {
                    int digits = after;
                    after = LineScan.digitsEnd(s, digits);
                    if (after == digits) {
                        break;
                    }
                }
                String address = firstBracketedAddress(s, after);
                if (address != null) {
                    return new String[] {s.substring(v, after), address};
                }
                break;
            }
        }
        return null;
    }

    /** {@code .*?\[([0-9A-Fa-f.:]+)\]} from i: the nearest such address, or null. */
    private static String firstBracketedAddress(String s, int i) {
        for (int open = s.indexOf('[', i); open >= 0; open = s.indexOf('[', open + 1)) {
            int end = PflogsummText.hexDigitsDotsColonsEnd(s, open + 1);
            if (end > open + 1 && end < s.length() && s.charAt(end) == ']') {
                return s.substring(open + 1, end);
            }
        }
        return null;
    }

    private static final String[] NOTIFICATIONS = {"non-delivery", "delay", "delivery status", "success"};

    /**
     * {@code \]: (\w+): sender (non-delivery|delay|delivery status|success) notification: (\w+)}:
     * [queue ID, kind, notification's queue ID], or null.
     */
    static String[] notification(String s) {
        for (int p = s.indexOf("]: "); p >= 0; p = s.indexOf("]: ", p + 1)) {
            int id = p + 3;
            int idEnd = wordEnd(s, id);
            if (idEnd == id || !s.startsWith(": sender ", idEnd)) {
                continue;
            }
            int k = idEnd + 9;
            for (String kind : NOTIFICATIONS) {
                if (s.startsWith(kind, k) && s.startsWith(" notification: ", k + kind.length())) {
                    int next = k + kind.length() + 15;
                    int nextEnd = wordEnd(s, next);
                    if (nextEnd > next) {
                        return new String[] {s.substring(id, idEnd), kind, s.substring(next, nextEnd)};
                    }
                }
            }
        }
        return null;
    }

    private static final String[] TLS_LEVELS = {"Anonymous", "Trusted", "Verified", "Untrusted"};

    /**
     * {@code \]: (?:\S+: )?(Anonymous|Trusted|Verified|Untrusted) TLS connection established (from|to) (\S+?):? (\S+) with cipher (\S+)}:
     * [level, direction, peer, protocol, cipher], or null. The optional word is tried first, then
     * without it; the peer is the shortest run before " " or ": " (a longer one gives the same rest).
     */
    static String[] tlsEstablished(String s) {
        for (int p = s.indexOf("]: "); p >= 0; p = s.indexOf("]: ", p + 1)) {
            int a = p + 3;
            int wordEnd = nonSpaceEnd(s, a);
            if (wordEnd - 1 > a && s.charAt(wordEnd - 1) == ':' && wordEnd < s.length() && s.charAt(wordEnd) == ' ') {
                String[] found = tlsAt(s, wordEnd + 1);
                if (found != null) {
                    return found;
                }
            }
            String[] found = tlsAt(s, a);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String[] tlsAt(String s, int i) {
        for (String level : TLS_LEVELS) {
            if (!s.startsWith(level, i) || !s.startsWith(" TLS connection established ", i + level.length())) {
                continue;
            }
            int d = i + level.length() + 28;
            String direction = s.startsWith("from ", d) ? "from" : s.startsWith("to ", d) ? "to" : null;
            if (direction == null) {
                return null;
            }
            int peer = d + direction.length() + 1;
            int peerEnd = peer + 1;
            while (peerEnd < s.length()
                    && !LineScan.regexSpace(s.charAt(peerEnd))
                    && !(s.charAt(peerEnd) == ':' && peerEnd + 1 < s.length() && s.charAt(peerEnd + 1) == ' ')) {
                peerEnd++;
            }
            if (peer >= s.length() || LineScan.regexSpace(s.charAt(peer)) || peerEnd >= s.length()) {
                return null;
            }
            int protocol = s.charAt(peerEnd) == ':' ? peerEnd + 2 : s.charAt(peerEnd) == ' ' ? peerEnd + 1 : -1;
            if (protocol < 0) {
                return null;
            }
            int protocolEnd = nonSpaceEnd(s, protocol);
            if (protocolEnd == protocol || !s.startsWith(" with cipher ", protocolEnd)) {
                return null;
            }
            int cipher = protocolEnd + 13;
            int cipherEnd = nonSpaceEnd(s, cipher);
            if (cipherEnd == cipher) {
                return null;
            }
            return new String[] {
                level,
                direction,
                s.substring(peer, peerEnd),
                s.substring(protocol, protocolEnd),
                s.substring(cipher, cipherEnd)
            };
        }
        return null;
    }

    private static int nonSpaceEnd(String s, int i) {
        while (i < s.length() && !LineScan.regexSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String s, int i) {
        while (i < s.length() && LineScan.wordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
