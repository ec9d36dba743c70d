package io.pflogstream.postfix;

import io.pflogstream.config.ReadOptions;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pflogsumm's {@code proc_smtpd_reject}: which detail row (stage, reason, client or address) an
 * smtpd/postscreen reject, reject_warning, hold or discard counts under.
 */
final class SmtpdRejectParser implements Serializable {
    private static final int F = Pattern.UNIX_LINES;
    private static final Pattern ADDRESS_AFTER_CODE = Pattern.compile("^(\\d{3} <).*?(>:)", F);
    private static final Pattern PROTOCOL_ERROR =
            Pattern.compile("^(?:\\d{3} \\d\\.\\d\\.\\d )(Protocol error);.*$", F);
    private static final Pattern RCPT_REASON = Pattern.compile("^(?:.*?[:;] )(?:\\[[^\\]]+\\] )?([^;,]+)[;,].*$", F);
    private static final Pattern ADDRESS_REJECTED =
            Pattern.compile("^((?:Sender|Recipient) address rejected: [^:]+):.*$", F);
    private static final Pattern BLOCKED = Pattern.compile("(client|Client host|Sender address) .+? blocked", F);
    private static final Pattern MAIL_REASON = Pattern.compile("^\\d{3} (?:<.+>: )?([^;:]+)[;:]?.*$", F);
    private static final Pattern OTHER_REASON = Pattern.compile("^(?:.*[:;] )?([^,]+).*$", F);
    private static final Pattern TO_UNKNOWN = Pattern.compile("\\d{3} <([^>]+)>: User unknown ", F);
    private static final Pattern TO_UNTERMINATED = Pattern.compile("to=<(.*?)(?:[, ]|$)", F);
    private static final Pattern RECIPIENT_REASON =
            Pattern.compile("^(Recipient address rejected:|User unknown( |$))", F);
    private static final Pattern PIPELINING =
            Pattern.compile("^.*?\\d{3} (Improper use of SMTP command pipelining);.*$", F);
    private static final Pattern SOURCE = Pattern.compile("^.+? from (\\S+?):.*$", F);
    private static final Pattern SIZE_LIMIT = Pattern.compile("^.*?\\d{3} (Message size exceeds fixed limit);.*$", F);
    private static final Pattern CONFIG_ERROR =
            Pattern.compile("^.*?\\d{3} (Server configuration (?:error|problem));.*$", F);

    private final ReadOptions options;

    SmtpdRejectParser(ReadOptions options) {
        this.options = options;
    }

    PostfixEvent parse(Origin origin, PolicyAction action, String line) {
        String[] m = LineScan.policyAction(line);
        if (m == null) {
            // pflogsumm counts these under undefined keys: an empty row, "  (<>)" with --rej-add-from
            return new PostfixEvent.PolicyDecision(
                    origin,
                    action,
                    "",
                    "",
                    withFrom("", "<>", options.rejectAddFrom()),
                    PostfixEventParser.message(line));
        }
        String stage = m[0];
        String client = m[1];
        String rest = m[2];
        String reason = rest;
        if (!options.verboseMsgDetail()) {
            reason = shortReason(stage, reason);
        }
        // the rarer shapes' patterns are tried only where their literal text is
        String to = bracketedAddress(rest, "to=<");
        if (to == null && rest.contains(": User unknown ")) {
            to = firstGroup(rest, TO_UNKNOWN);
        }
        if (to == null && rest.contains("to=<")) {
            to = firstGroup(rest, TO_UNTERMINATED);
        }
        if (to == null) {
            to = "<>";
        }
        if (options.ignoreCase()) {
            to = PflogsummText.lowerAscii(to);
        }
        String from = bracketedAddress(rest, "from=<");
        from = from != null ? from : "<>";
        from = PflogsummText.verpMung(from, options.verpMung());
        if (options.ignoreCase()) {
            from = PflogsummText.lowerAscii(from);
        }
        boolean addFrom = options.rejectAddFrom();
        String toSuffix = options.rejectAddTo() ? "  (" + to + ")" : "";
        String subject;
        Matcher r;
        if (reason.startsWith("Sender address rejected:")) {
            subject = from + toSuffix;
        } else if ((reason.startsWith("Recipient address rejected:") || reason.startsWith("User unknown"))
                && RECIPIENT_REASON.matcher(PatternBudget.of(reason)).find()) {
            subject = addFrom ? to + "  (" + from + ")" : to;
        } else if (reason.contains("Improper use of SMTP command pipelining;")
                && (r = PIPELINING.matcher(PatternBudget.of(reason))).matches()) {
            reason = r.group(1);
            Matcher src = SOURCE.matcher(PatternBudget.of(line));
            subject = (src.matches() ? src.group(1) : "") + toSuffix;
        } else if (reason.contains("Message size exceeds fixed limit;")
                && (r = SIZE_LIMIT.matcher(PatternBudget.of(reason))).matches()) {
            reason = r.group(1);
            subject = withFromAndTo(PflogsummText.gimmeDomain(client), from, addFrom, toSuffix);
        } else if (reason.contains("Server configuration ")
                && (r = CONFIG_ERROR.matcher(PatternBudget.of(reason))).matches()) {
            reason = "(Local) " + r.group(1);
            subject = withFromAndTo(PflogsummText.gimmeDomain(client), from, addFrom, toSuffix);
        } else {
            subject = withFromAndTo(PflogsummText.gimmeDomain(client), from, addFrom, toSuffix);
        }
        return new PostfixEvent.PolicyDecision(
                origin, action, stage, reason, subject, PostfixEventParser.message(line));
    }

    static String shortReason(String stage, String reason) {
        if (reason.indexOf('\n') >= 0) {
            return shortReasonByPatterns(stage, reason); // '.' stops at a newline: the patterns decide
        }
        String r = reason;
        if (stage.equals("RCPT") || stage.equals("DATA") || stage.equals("CONNECT")) {
            r = withoutAddressAfterCode(r);
            if (r.contains("Protocol error;")) {
                r = PROTOCOL_ERROR.matcher(PatternBudget.of(r)).replaceFirst("$1");
            }
            r = rcptReason(r);
            if (r.contains(" address rejected: ")) {
                r = addressRejected(r);
            }
            if (r.contains(" blocked")) {
                r = blocked(r);
            }
        } else if (stage.equals("MAIL")) {
            r = mailReason(r);
        } else {
            r = otherReason(r);
        }
        return r;
    }

    /** pflogsumm's substitutions as written: the reference for the scanners below, and for text with a newline. */
    static String shortReasonByPatterns(String stage, String reason) {
        String r = reason;
        if (stage.equals("RCPT") || stage.equals("DATA") || stage.equals("CONNECT")) {
            r = ADDRESS_AFTER_CODE.matcher(PatternBudget.of(r)).replaceFirst("$1$2");
            r = PROTOCOL_ERROR.matcher(PatternBudget.of(r)).replaceFirst("$1");
            r = RCPT_REASON.matcher(PatternBudget.of(r)).replaceFirst("$1");
            r = ADDRESS_REJECTED.matcher(PatternBudget.of(r)).replaceFirst("$1");
            r = BLOCKED.matcher(PatternBudget.of(r)).replaceFirst("blocked");
        } else if (stage.equals("MAIL")) {
            r = MAIL_REASON.matcher(PatternBudget.of(r)).replaceFirst("$1");
        } else {
            r = OTHER_REASON.matcher(PatternBudget.of(r)).replaceFirst("$1");
        }
        return r;
    }

    // The scanners below give what the patterns above give on text without a newline: each
    // names its pattern and how the pattern's backtracking decides between candidates.

    /** {@code s/^(\d{3} <).*?(>:)/$1$2/}: the text between "ddd <" and the first ">:" after it goes. */
    static String withoutAddressAfterCode(String r) {
        if (r.length() < 5 || !startsWithCode(r) || r.charAt(4) != '<') {
            return r;
        }
        int close = r.indexOf(">:", 5);
        return close < 0 ? r : r.substring(0, 5) + r.substring(close);
    }

    /**
     * {@code s/^(?:.*?[:;] )(?:\[[^\]]+\] )?([^;,]+)[;,].*$/$1/}: after the first ": " or "; "
     * that works (lazy), skip one "[...] " if what follows it works (greedy optional), and keep the
     * text up to the next ';' or ','.
     */
    static String rcptReason(String r) {
        int n = r.length();
        for (int p = 0; p + 1 < n; p++) {
            char c = r.charAt(p);
            if ((c != ':' && c != ';') || r.charAt(p + 1) != ' ') {
                continue;
            }
            int q = p + 2;
            if (q < n && r.charAt(q) == '[') {
                int close = r.indexOf(']', q + 1);
                if (close > q + 1 && close + 1 < n && r.charAt(close + 1) == ' ') {
                    String kept = untilSemicolonOrComma(r, close + 2);
                    if (kept != null) {
                        return kept;
                    }
                }
            }
            String kept = untilSemicolonOrComma(r, q);
            if (kept != null) {
                return kept;
            }
        }
        return r;
    }

    /** {@code ([^;,]+)[;,]} at from: the non-empty text before the next ';' or ',', or null. */
    private static String untilSemicolonOrComma(String r, int from) {
        for (int k = from; k < r.length(); k++) {
            char c = r.charAt(k);
            if (c == ';' || c == ',') {
                return k > from ? r.substring(from, k) : null;
            }
        }
        return null;
    }

    /** {@code s/^((?:Sender|Recipient) address rejected: [^:]+):.*$/$1/}. */
    static String addressRejected(String r) {
        int from =
                r.startsWith("Sender address rejected: ") ? 25 : r.startsWith("Recipient address rejected: ") ? 28 : -1;
        if (from < 0) {
            return r;
        }
        int colon = r.indexOf(':', from);
        return colon > from ? r.substring(0, colon) : r;
    }

    /** {@code s/(client|Client host|Sender address) .+? blocked/blocked/}: the leftmost start, the nearest " blocked". */
    static String blocked(String r) {
        for (int s = 0; s < r.length(); s++) {
            int after = r.startsWith("client ", s)
                    ? s + 7
                    : r.startsWith("Client host ", s) ? s + 12 : r.startsWith("Sender address ", s) ? s + 15 : -1;
            if (after < 0) {
                continue;
            }
            int word = r.indexOf(" blocked", after + 1);
            if (word < 0) {
                return r; // a later start has even less text after it
            }
            return r.substring(0, s) + "blocked" + r.substring(word + 8);
        }
        return r;
    }

    /**
     * {@code s/^\d{3} (?:<.+>: )?([^;:]+)[;:]?.*$/$1/}: the optional "<...>: " is tried first and
     * greedily (the last ">: " first), and the kept text runs to the next ';' or ':'.
     */
    static String mailReason(String r) {
        if (r.length() < 4 || !startsWithCode(r)) {
            return r;
        }
        if (r.length() > 4 && r.charAt(4) == '<') {
            for (int close = r.lastIndexOf(">: "); close >= 6; close = r.lastIndexOf(">: ", close - 1)) {
                String kept = runWithout(r, close + 3, ';', ':');
                if (kept != null) {
                    return kept;
                }
            }
        }
        String kept = runWithout(r, 4, ';', ':');
        return kept != null ? kept : r;
    }

    /** {@code s/^(?:.*[:;] )?([^,]+).*$/$1/}: after the last ": " or "; " that works (greedy), up to a ','. */
    static String otherReason(String r) {
        for (int p = r.length() - 2; p >= 0; p--) {
            char c = r.charAt(p);
            if ((c == ':' || c == ';') && r.charAt(p + 1) == ' ') {
                String kept = runWithout(r, p + 2, ',', ',');
                if (kept != null) {
                    return kept;
                }
            }
        }
        String kept = runWithout(r, 0, ',', ',');
        return kept != null ? kept : r;
    }

    /** The longest non-empty run from {@code from} of characters other than a and b, or null. */
    private static String runWithout(String r, int from, char a, char b) {
        int k = from;
        while (k < r.length() && r.charAt(k) != a && r.charAt(k) != b) {
            k++;
        }
        return k > from ? r.substring(from, k) : null;
    }

    /** {@code ^\d{3} } */
    private static boolean startsWithCode(String r) {
        return isDigit(r.charAt(0)) && isDigit(r.charAt(1)) && isDigit(r.charAt(2)) && r.charAt(3) == ' ';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code open([^>]+)>} (to=< or from=<): the first one with a non-empty address, or null. */
    static String bracketedAddress(String text, String open) {
        for (int at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
            int start = at + open.length();
            int close = text.indexOf('>', start);
            if (close < 0) {
                return null;
            }
            if (close > start) {
                return text.substring(start, close);
            }
        }
        return null;
    }

    private static String withFrom(String data, String from, boolean addFrom) {
        return addFrom ? data + "  (" + from + ")" : data;
    }

    private static String withFromAndTo(String data, String from, boolean addFrom, String toSuffix) {
        return withFrom(data, from, addFrom) + toSuffix;
    }

    /** The first group of the pattern's first match, or null. */
    private static String firstGroup(String text, Pattern p) {
        Matcher m = p.matcher(PatternBudget.of(text));
        return m.find() ? m.group(1) : null;
    }
}
