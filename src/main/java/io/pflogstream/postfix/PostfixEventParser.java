package io.pflogstream.postfix;

import static io.pflogstream.postfix.PflogsummText.foldAddressCase;
import static io.pflogstream.postfix.PflogsummText.lowerAscii;
import static io.pflogstream.postfix.PflogsummText.stringTrimmer;

import io.pflogstream.config.ReadOptions;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem.Severity;
import io.pflogstream.syslog.SyslogLine;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Postfix line into a typed event. The order of the checks is pflogsumm 1.1.5's if/elsif
 * chain, because a line that two rules could match must land where pflogsumm puts it.
 */
public final class PostfixEventParser implements Serializable {
    private static final int F = Pattern.UNIX_LINES;
    private static final Pattern CLEANUP_ACTION = Pattern.compile(
            "/cleanup\\[\\d+\\]: .*?\\b((?:milter-)?reject|warning|hold|discard): (header|body|END-OF-MESSAGE) (.*)$",
            F);
    private static final Pattern PICKUP = Pattern.compile(": (sender|uid)=", F);
    private static final Pattern CONNECT_FAILURE_OLD_V6 =
            Pattern.compile(".* connect to (\\S+?): ([^;]+); address \\S+ port.*$", F);
    private static final Pattern CONNECT_FAILURE_OLD =
            Pattern.compile(".* connect to ([^\\[]+)\\[\\S+?\\]: (.+?) \\(port \\d+\\)$", F);
    private static final Pattern POSTSCREEN_VERDICT = Pattern.compile(
            "\\]: (PASS NEW|PASS OLD|ALLOWLISTED|WHITELISTED|DENYLISTED|BLACKLISTED|PREGREET|HANGUP|DNSBL rank \\d+"
                    + "|BARE NEWLINE|COMMAND PIPELINING|NON-SMTP COMMAND|COMMAND TIME LIMIT|COMMAND COUNT LIMIT"
                    + "|COMMAND LENGTH LIMIT|CONNECT from|DISCONNECT|WHITELIST VETO|ALLOWLIST VETO)"
                    + ".*?\\[([0-9A-Fa-f.:]+)\\]",
            F);

    private static final Pattern DNSBL_LISTING =
            Pattern.compile("\\]: addr (\\S+) listed by domain (\\S+) as (\\S+)", F);
    private static final Pattern STATISTIC = Pattern.compile(
            "\\]: statistics: (max connection rate|max connection count|max cache size|max message rate"
                    + "|max recipient rate|max newtls rate|domain lookup|address lookup|max simultaneous domains"
                    + "|start interval) ?(.*?)(?: for \\((\\S+)\\))?(?: at .*)?$",
            F);

    private final ReadOptions options;
    private final SmtpdRejectParser rejectParser;

    public PostfixEventParser(ReadOptions options) {
        this.options = options;
        this.rejectParser = new SmtpdRejectParser(options);
    }

    public PostfixEvent parse(SyslogLine line) {
        Origin origin = new Origin(line.host(), line.seq(), line.timestampMillis(), line.daemon());
        String rest = line.remainder();
        String daemon = line.daemon();
        String token = line.token();
        // a cleanup action needs "<action>: header|body|END-OF-MESSAGE ": most cleanup lines (message-id=) have none
        if (daemon.equals("cleanup") && mayBeCleanupAction(rest)) {
            PostfixEvent e = cleanupAction(origin, rest);
            if (e != null) {
                return e;
            }
        }
        // the words below are lower case; most tokens are queue IDs: no need to hash them
        char first = token.charAt(0);
        if (first >= 'a' && first <= 'z') {
            PostfixEvent e = byWord(origin, token, rest);
            if (e != null) {
                return e;
            }
        }
        if (daemon.equals("master")) {
            return master(origin, rest);
        }
        if (daemon.equals("smtpd") || daemon.equals("postscreen")) {
            return smtpd(origin, line, rest);
        }
        return queueAndDelivery(origin, line, rest);
    }

    /** Whether ": header ", ": body " or ": END-OF-MESSAGE " is in the line, in one pass over its ": ". */
    private static boolean mayBeCleanupAction(String rest) {
        for (int i = rest.indexOf(": "); i >= 0; i = rest.indexOf(": ", i + 1)) {
            if (rest.startsWith("header ", i + 2)
                    || rest.startsWith("body ", i + 2)
                    || rest.startsWith("END-OF-MESSAGE ", i + 2)) {
                return true;
            }
        }
        return false;
    }

    /** Lines whose first word after the tag decides: problems, and actions smtpd logs without a queue ID. */
    private PostfixEvent byWord(Origin origin, String token, String rest) {
        switch (token) {
            case "warning":
                return problem(origin, Severity.WARNING, rest, "warning: ");
            case "fatal":
                return problem(origin, Severity.FATAL, rest, "fatal: ");
            case "panic":
                return problem(origin, Severity.PANIC, rest, "panic: ");
            case "reject":
                return rejectParser.parse(origin, PolicyAction.REJECT, rest);
            case "reject_warning":
                return rejectParser.parse(origin, PolicyAction.REJECT_WARNING, rest);
            case "hold":
                return rejectParser.parse(origin, PolicyAction.HOLD, rest);
            case "discard":
                return rejectParser.parse(origin, PolicyAction.DISCARD, rest);
            default:
                return null;
        }
    }

    private PostfixEvent cleanupAction(Origin origin, String rest) {
        String[] found; // action, part, detail, the match
        if (rest.indexOf('\n') < 0) {
            found = DetailScan.cleanupAction(rest);
        } else {
            Matcher m = CLEANUP_ACTION.matcher(PatternBudget.of(rest)); // '.' stops at a newline: the pattern decides
            found = m.find() ? new String[] {m.group(1), m.group(2), m.group(3), m.group(0)} : null;
        }
        if (found == null) {
            return null;
        }
        String detail = found[2];
        if (!options.verboseMsgDetail()) {
            // group 3 of a match has no newline
            detail = DetailScan.withoutEnvelopeTail(detail);
        }
        detail = stringTrimmer(detail, 64, options.verboseMsgDetail());
        return new PostfixEvent.PolicyDecision(
                origin, PolicyAction.fromLogWord(found[0]), "cleanup", found[1], detail, message(found[3]));
    }

    private PostfixEvent problem(Origin origin, Severity severity, String rest, String marker) {
        // pflogsumm strips up to the *last* marker (greedy s/^.*warning: //)
        int at = rest.lastIndexOf(marker);
        String text = at >= 0 ? rest.substring(at + marker.length()) : rest;
        return new PostfixEvent.DaemonProblem(
                origin, severity, stringTrimmer(text, 66, options.verboseMsgDetail()), text);
    }

    private PostfixEvent master(Origin origin, String rest) {
        // (split(/^.*master.*: /, $logRmdr))[1]: the text after the last ": " that follows "master"
        int masterAt = rest.indexOf("master");
        int colon = rest.lastIndexOf(": ");
        String text = masterAt >= 0 && colon >= masterAt + 6 ? rest.substring(colon + 2) : "";
        return new PostfixEvent.MasterMessage(origin, text);
    }

    private PostfixEvent smtpd(Origin origin, SyslogLine line, String rest) {
        // cheap substring tests first: a pattern cannot match without them
        Matcher m;
        String client = LineScan.smtpdClient(rest);
        if (client != null) {
            return new PostfixEvent.Received(
                    origin, line.token(), PflogsummText.gimmeDomain(client), client, LineScan.saslUser(rest));
        }
        String action = LineScan.smtpdAction(rest);
        if (action != null) {
            return rejectParser.parse(origin, PolicyAction.fromLogWord(action), rest);
        }
        if (rest.contains(": connect from ")) {
            String pid = LineScan.smtpdPid(rest, "");
            String from = LineScan.nonEmptyRestAfter(rest, ": connect from ");
            return new PostfixEvent.SmtpdConnect(origin, pid != null ? pid : "", from != null ? from : "");
        }
        if (rest.contains(": disconnect from ")) {
            String[] d = LineScan.smtpdDisconnect(rest);
            if (d != null) {
                return new PostfixEvent.SmtpdDisconnect(origin, d[0], PflogsummText.gimmeDomain(d[1]));
            }
            return new PostfixEvent.Notice(origin, "disconnect");
        }
        if (line.daemon().equals("postscreen")) {
            String[] verdict;
            if (rest.indexOf('\n') < 0) {
                verdict = DetailScan.postscreenVerdict(rest);
            } else {
                m = POSTSCREEN_VERDICT.matcher(PatternBudget.of(rest)); // '.' stops at a newline: the pattern decides
                verdict = m.find() ? new String[] {m.group(1), m.group(2)} : null;
            }
            if (verdict != null) {
                return new PostfixEvent.PostscreenVerdict(origin, verdict[0], verdict[1]);
            }
        }
        return notice(origin, line, rest);
    }

    private PostfixEvent queueAndDelivery(Origin origin, SyslogLine line, String rest) {
        String qid = line.token();
        Matcher m;
        String[] entry = rest.contains(", size=") ? LineScan.queueEntry(rest) : null;
        if (entry != null) {
            String nrcpt = LineScan.digitsAfter(rest, ", nrcpt=");
            long size = boundedNumber(entry[1], MAX_MESSAGE_SIZE);
            long recipients = nrcpt != null ? boundedNumber(nrcpt, Integer.MAX_VALUE) : 0;
            if (size < 0 || recipients < 0) {
                return new PostfixEvent.Unrecognized(
                        origin,
                        rest,
                        size < 0
                                ? "size= out of range: more than " + MAX_MESSAGE_SIZE + " bytes"
                                : "nrcpt= out of range: more than " + Integer.MAX_VALUE);
            }
            return new PostfixEvent.QueueEntry(origin, qid, mungeSender(entry[0]), size, (int) recipients);
        }
        DeliveryFields delivery = rest.contains(", status=") ? DeliveryFields.find(rest) : null;
        if (delivery != null) {
            if (!(Math.abs(delivery.delay()) <= MAX_DELAY_SECONDS)) { // NaN too
                return new PostfixEvent.Unrecognized(
                        origin,
                        rest,
                        "delay= out of range: not a number of seconds within +-" + (long) MAX_DELAY_SECONDS);
            }
            return delivery(origin, qid, rest, delivery);
        }
        if (line.daemon().equals("pickup")
                && PICKUP.matcher(PatternBudget.of(rest)).find()) {
            return new PostfixEvent.Received(origin, qid, PostfixEvent.Received.PICKUP, null, null);
        }
        // both patterns need " connect to ": TLS and other smtp chatter skips them
        if (line.daemon().equals("smtp") && options.smtpFailures() && rest.contains(" connect to ")) {
            // the old formats these catch ("...; address A port P", "... (port P)") need these
            // substrings; today's "connect to host[addr]:25: reason" has neither and is skipped cheaply
            if ((rest.contains("; address ") && (m = CONNECT_FAILURE_OLD_V6.matcher(PatternBudget.of(rest))).find())
                    || (rest.endsWith(")")
                            && rest.contains(" (port ")
                            && (m = CONNECT_FAILURE_OLD.matcher(PatternBudget.of(rest))).find())) {
                return new PostfixEvent.SmtpConnectFailure(origin, m.group(1), lowerAscii(m.group(2)));
            }
        }
        if (rest.endsWith(": removed")) {
            return new PostfixEvent.Removed(origin, qid);
        }
        String messageId = LineScan.restAfter(rest, ": message-id=");
        if (messageId != null) {
            return new PostfixEvent.MessageIdSeen(origin, qid, messageId);
        }
        String expired = LineScan.expiredSender(rest);
        if (expired != null) {
            return new PostfixEvent.Expired(origin, qid, expired);
        }
        return notice(origin, line, rest);
    }

    private PostfixEvent delivery(Origin origin, String qid, String rest, DeliveryFields f) {
        String recipient = mungeAddress(
                options.useOrigTo() && f.origTo() != null && !f.origTo().isEmpty() ? f.origTo() : f.to());
        String relay = options.ignoreCase() ? lowerAscii(f.relay()) : f.relay();
        DeliveryStatus status = f.status();
        int tail = f.tailStart();
        String reason = null;
        boolean forwarded = false;
        if (status == DeliveryStatus.SENT) {
            forwarded = rest.indexOf("forwarded as ", tail) >= 0;
        } else if (status == DeliveryStatus.DEFERRED && options.deferralReasons()) {
            reason = LineScan.untilCloseParen(rest, ", status=deferred (");
            reason = reason != null ? reason : "";
            if (!options.verboseMsgDetail()) {
                reason = PflogsummText.stripSmtpCode(PflogsummText.saidStringTrimmer(reason, 65));
                if (reason.startsWith("connect to ")) {
                    reason = reason.substring("connect to ".length());
                }
            }
        } else if (status == DeliveryStatus.BOUNCED && options.bounceReasons()) {
            reason = LineScan.untilLastCloseParen(rest, ", status=bounced (");
            reason = reason != null ? reason : "";
            if (!options.verboseMsgDetail()) {
                reason = PflogsummText.stripSmtpCode(PflogsummText.saidStringTrimmer(reason, 66));
            }
        }
        // the reply in its parentheses, from the line itself (the tail is not copied out)
        String response = rest.startsWith(" (", tail) && rest.endsWith(")") && rest.length() - tail >= 3
                ? rest.substring(tail + 2, rest.length() - 1)
                : rest.substring(tail).trim();
        return new PostfixEvent.Delivery(
                origin,
                qid,
                recipient,
                f.origTo(),
                relay,
                f.delay(),
                f.dsn(),
                status,
                forwarded,
                reason,
                f.delays(),
                response);
    }

    private PostfixEvent notice(Origin origin, SyslogLine line, String rest) {
        Matcher m;
        if (line.daemon().equals("dnsblog") && (m = DNSBL_LISTING.matcher(PatternBudget.of(rest))).find()) {
            return new PostfixEvent.DnsblListing(origin, m.group(1), m.group(2), m.group(3));
        }
        if (line.token().equals("statistics") && (m = STATISTIC.matcher(PatternBudget.of(rest))).find()) {
            return new PostfixEvent.ServiceStatistic(origin, m.group(1), m.group(2), m.group(3));
        }
        String[] g;
        if (rest.contains(" TLS connection established ") && (g = DetailScan.tlsEstablished(rest)) != null) {
            return new PostfixEvent.TlsEstablished(origin, g[0], g[1], g[2], g[3], g[4]);
        }
        if (line.daemon().equals("bounce") && (g = DetailScan.notification(rest)) != null) {
            return new PostfixEvent.NotificationQueued(origin, g[0], g[1], g[2]);
        }
        String kind = NoticeKinds.classify(line.daemon(), rest);
        if (kind != null) {
            return new PostfixEvent.Notice(origin, kind);
        }
        return new PostfixEvent.Unrecognized(origin, rest, "no rule for this " + line.daemon() + " line");
    }

    /** The message after "daemon[pid]: ". */
    static String message(String rest) {
        int at = rest.indexOf("]: ");
        return at >= 0 ? rest.substring(at + 3) : rest;
    }

    /** The sender as pflogsumm keys it: munged, case-folded, "from=<>" for the null sender. */
    private String mungeSender(String addr) {
        if (addr.isEmpty()) {
            return "from=<>";
        }
        String a = options.srsMung() ? PflogsummText.srsMung(addr) : addr;
        return PflogsummText.verpMung(mungeAddress(a), options.verpMung());
    }

    private String mungeAddress(String addr) {
        String a = options.uucpMung() ? PflogsummText.uucpMung(addr) : addr;
        return foldAddressCase(a, options.ignoreCase());
    }

    /**
     * The largest size= a queue entry may claim: 1 TiB, far above any message_size_limit, and small
     * enough that a year of a fleet's bytes still adds up exactly in a long (as Perl's integers do).
     */
    static final long MAX_MESSAGE_SIZE = 1L << 40;
    /** The largest delay= a delivery may claim: about 31 years; sums of them stay finite and exact enough. */
    static final double MAX_DELAY_SECONDS = 1e9;

    /** A run of ASCII digits as a number, or -1 when it is above max (or too long to be one). */
    static long boundedNumber(String digits, long max) {
        if (digits.length() > 18) {
            int lead = 0;
            while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
            if (digits.length() - lead > 18) {
                return -1;
            }
            digits = digits.substring(lead);
        }
        long n = Long.parseLong(digits); // at most 18 digits: no overflow
        return n <= max ? n : -1;
    }

    private static final double[] POWERS_OF_TEN = {
        1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };

    /**
     * Digits with an optional fraction (Postfix's "delay=0.42"), or NaN for anything else. Exactly
     * Double.parseDouble's value: at most 15 digits make an exact long, 10^k is exact, and one
     * division of exact doubles is rounded correctly.
     */
    static double simpleDecimal(String s, int start, int end) {
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > 15) {
            return Double.NaN;
        }
        return fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
    }

    /** Perl's numeric value of a string: its leading number, or 0. */
    static double perlNumber(String s) {
        return perlNumber(s, 0, s.length());
    }

    /** Perl's numeric value of s[from, n). */
    static double perlNumber(String s, int from, int n) {
        int i = from;
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        int start = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        if (i + 3 <= n && (s.regionMatches(true, i, "inf", 0, 3) || s.regionMatches(true, i, "nan", 0, 3))) {
            // Perl reads these too ("delay=inf" is Inf to pflogsumm); the parser refuses them
            double special = Character.toLowerCase(s.charAt(i)) == 'n' ? Double.NaN : Double.POSITIVE_INFINITY;
            return s.charAt(start) == '-' ? -special : special;
        }
        while (i < n && Character.isDigit(s.charAt(i))) i++;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) i++;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) e++;
            if (e < n && Character.isDigit(s.charAt(e))) {
                while (e < n && Character.isDigit(s.charAt(e))) e++;
                i = e;
            }
        }
        double simple = simpleDecimal(s, start, i);
        if (!Double.isNaN(simple)) {
            return simple;
        }
        try {
            return Double.parseDouble(s.substring(start, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
