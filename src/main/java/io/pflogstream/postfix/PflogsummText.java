package io.pflogstream.postfix;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pflogsumm 1.1.5's string helpers, reproduced to the character: what they return decides which
 * row of a report a line lands in. Names follow the Perl subs they mirror.
 */
public final class PflogsummText {
    private static final int F = Pattern.UNIX_LINES;
    private static final Pattern UUCP = Pattern.compile("^(.*!)*([^!]+)!([^!@]+)@([^.]+)$", F);
    private static final Pattern VERP = Pattern.compile(
            "((?:bounce[ds]?|no(?:list|reply|response)|return|sentto|\\d+).*?)(?:[+_.*-]\\d+\\b)+",
            F | Pattern.CASE_INSENSITIVE);
    private static final Pattern VERP_AGGRESSIVE = Pattern.compile("[*-](\\d+[*-])?[^=*-]+[=*][^@]+@", F);

    private static final Pattern SRS0 =
            Pattern.compile("^SRS0[=+-][^=]+=[^=]+=([^=]+)=([^@]+)@.*$", F | Pattern.CASE_INSENSITIVE);
    private static final Pattern SRS1 =
            Pattern.compile("^SRS1[=+-][^=]+=[^=]+==[^=]+=[^=]+=([^=]+)=([^@]+)@.*$", F | Pattern.CASE_INSENSITIVE);

    private PflogsummText() {}

    /** {@code --srs-mung}: a Sender Rewriting Scheme address as the original sender, user@domain. */
    public static String srsMung(String addr) {
        Matcher m = SRS0.matcher(PatternBudget.of(addr));
        if (m.matches() || (m = SRS1.matcher(PatternBudget.of(addr))).matches()) {
            return m.group(2) + "@" + m.group(1);
        }
        return addr;
    }

    /** {@code gimme_domain}: the client's domain (last two labels) or, for unknown hosts, its IP address. */
    public static String gimmeDomain(String client) {
        String domain;
        String ip;
        int bracket = client.indexOf('[');
        int ipEnd = bracket < 0 ? -1 : dottedQuadEnd(client, bracket + 1);
        if (ipEnd > 0 && ipEnd < client.length() && client.charAt(ipEnd) == ']') {
            // DOMAIN_IPV4, the common case, without the regex engine
            domain = client.substring(0, bracket);
            ip = client.substring(bracket + 1, ipEnd);
        } else {
            // DOMAIN_SLASH ^([^/]*)/([0-9a-f.:]+) (case-insensitive), then DOMAIN_ANY
            int slash = client.indexOf('/');
            int hexEnd = slash < 0 ? -1 : hexDigitsDotsColonsEnd(client, slash + 1);
            if (hexEnd > slash + 1) {
                domain = client.substring(0, slash);
                ip = client.substring(slash + 1, hexEnd);
            } else {
                long brackets = domainAnyBrackets(client);
                if (brackets < 0) {
                    // pflogsumm gets undef here (e.g. "localhost[::1] ehlo=1 ..."): the key becomes ""
                    return "";
                }
                int open = (int) (brackets >>> 32);
                domain = client.substring(0, open);
                ip = client.substring(open + 1, (int) brackets);
            }
        }
        if (domain.isEmpty() || domain.equals("unknown")) {
            return ip;
        }
        String lastTwo = lastTwoLabels(domain);
        return lastTwo != null ? lowerAscii(lastTwo) : domain;
    }

    /**
     * pflogsumm's {@code ^(.*)\.([^.]+)\.([^.]{3}|[^.]{2,3}\.[^.]{2})$}, as $2.$3: the greedy
     * {@code (.*)} makes the rightmost split that works win. Null when it does not match.
     */
    static String lastTwoLabels(String d) {
        for (int d1 = d.lastIndexOf('.'); d1 >= 0; d1 = d.lastIndexOf('.', d1 - 1)) {
            int d2 = d.indexOf('.', d1 + 1);
            if (d2 < 0 || d2 == d1 + 1) {
                continue;
            }
            int tld = d2 + 1;
            int len = d.length() - tld;
            int dot = d.indexOf('.', tld);
            boolean threeLetters = len == 3 && dot < 0;
            boolean secondLevel = dot >= 0
                    && (dot - tld == 2 || dot - tld == 3)
                    && d.length() - dot - 1 == 2
                    && d.indexOf('.', dot + 1) < 0;
            if (threeLetters || secondLevel) {
                return d.substring(d1 + 1);
            }
        }
        return null;
    }

    /** End of the run of {@code [0-9A-Fa-f.:]} (an IP address's characters) from i. */
    static int hexDigitsDotsColonsEnd(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':')) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * DOMAIN_ANY {@code ^([^\[(/]*)[\[(/]([^\])]+)[\])]:?\d*$}: the indexes of the opening and
     * closing brackets as (open << 32 | close), or -1. Each group can only end at the first bracket
     * of its kind, so there is nothing to backtrack to.
     */
    static long domainAnyBrackets(String s) {
        int n = s.length();
        int open = 0;
        while (open < n && s.charAt(open) != '[' && s.charAt(open) != '(' && s.charAt(open) != '/') {
            open++;
        }
        int close = open + 1;
        while (close < n && s.charAt(close) != ']' && s.charAt(close) != ')') {
            close++;
        }
        if (close >= n || close == open + 1) {
            return -1;
        }
        int j = close + 1;
        if (j < n && s.charAt(j) == ':') {
            j++;
        }
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        // $ without MULTILINE: the end, or before a newline that ends the text
        boolean end = j == n || (j == n - 1 && s.charAt(j) == '\n');
        return end ? ((long) open << 32) | close : -1;
    }

    /** End of {@code (?:\d{1,3}\.){3}\d{1,3}} starting at i (as the pattern must match there), or -1. */
    private static int dottedQuadEnd(String s, int i) {
        for (int group = 0; group < 4; group++) {
            int start = i;
            while (i < s.length() && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3) {
                return -1;
            }
            if (group < 3) {
                if (i >= s.length() || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i;
    }

    /** {@code said_string_trimmer}: drop leading "... said: " and "xxx: " parts until the text fits. */
    public static String saidStringTrimmer(String text, int maxLen) {
        String s = text;
        while (s.length() > maxLen) {
            int said = lastSaid(s); // ^.* said: (greedy: the last one)
            if (said >= 0) {
                s = s.substring(said + 7);
                continue;
            }
            int colon = s.indexOf(':'); // ^.*?: * (lazy: the first colon, then its spaces)
            if (colon < 0) {
                return s.substring(0, maxLen - 3) + "...";
            }
            int end = colon + 1;
            while (end < s.length() && s.charAt(end) == ' ') {
                end++;
            }
            s = s.substring(end);
        }
        return s;
    }

    /** s.lastIndexOf(" said: "), by way of the colons (String.lastIndexOf(String) compares at every position). */
    static int lastSaid(String s) {
        for (int colon = s.lastIndexOf(':'); colon >= 5; colon = s.lastIndexOf(':', colon - 1)) {
            if (colon + 1 < s.length() && s.charAt(colon + 1) == ' ' && s.startsWith(" said", colon - 5)) {
                return colon - 5;
            }
        }
        return -1;
    }

    /** {@code string_trimmer}: cut to {@code maxLen} with an ellipsis, unless told not to. */
    public static String stringTrimmer(String text, int maxLen, boolean doNotTrim) {
        if (!doNotTrim && text.length() > maxLen) {
            return text.substring(0, maxLen - 3) + "...";
        }
        return text;
    }

    /** {@code s/^(\d{3} )//}-style: strip a leading three-digit SMTP code and its space. */
    public static String stripSmtpCode(String s) {
        if (s.length() >= 4
                && isDigit(s.charAt(0))
                && isDigit(s.charAt(1))
                && isDigit(s.charAt(2))
                && s.charAt(3) == ' ') {
            return s.substring(4);
        }
        return s;
    }

    /** {@code -m}: "host!user@domain" bang paths become "domain!host!user" style as pflogsumm does. */
    public static String uucpMung(String addr) {
        Matcher m = UUCP.matcher(PatternBudget.of(addr));
        if (!m.matches()) {
            return addr;
        }
        return m.group(4) + "!" + (m.group(1) != null ? m.group(1) : "") + m.group(3) + "@" + m.group(2);
    }

    /** {@code verp_mung}: collapse VERP sender variants; null level means the option is off. */
    public static String verpMung(String addr, Integer level) {
        if (level == null) {
            return addr;
        }
        String s = VERP.matcher(PatternBudget.of(addr)).replaceFirst("$1-ID");
        if (level > 1) {
            s = VERP_AGGRESSIVE.matcher(PatternBudget.of(s)).replaceFirst("@");
        }
        return s;
    }

    /** Address case handling: the domain part lower-cased, or all of it with {@code -i}. */
    public static String foldAddressCase(String addr, boolean ignoreCase) {
        if (ignoreCase) {
            return lowerAscii(addr);
        }
        int at = addr.indexOf('@');
        if (at < 0 || at == addr.length() - 1) {
            return addr;
        }
        for (int i = at + 1; i < addr.length(); i++) {
            char c = addr.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return addr.substring(0, at) + lowerAscii(addr.substring(at));
            }
        }
        return addr; // most domains are written in lower case already
    }

    /** Perl's lc() under the C locale: ASCII letters only. */
    public static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + 32);
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
