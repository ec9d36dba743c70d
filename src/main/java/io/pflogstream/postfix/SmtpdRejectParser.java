package io.pflogstream.postfix;

import io.pflogstream.config.ReportOptions;
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
    private static final Pattern PROTOCOL_ERROR = Pattern.compile("^(?:\\d{3} \\d\\.\\d\\.\\d )(Protocol error);.*$", F);
    private static final Pattern RCPT_REASON = Pattern.compile("^(?:.*?[:;] )(?:\\[[^\\]]+\\] )?([^;,]+)[;,].*$", F);
    private static final Pattern ADDRESS_REJECTED =
            Pattern.compile("^((?:Sender|Recipient) address rejected: [^:]+):.*$", F);
    private static final Pattern BLOCKED = Pattern.compile("(client|Client host|Sender address) .+? blocked", F);
    private static final Pattern MAIL_REASON = Pattern.compile("^\\d{3} (?:<.+>: )?([^;:]+)[;:]?.*$", F);
    private static final Pattern OTHER_REASON = Pattern.compile("^(?:.*[:;] )?([^,]+).*$", F);
    private static final Pattern TO = Pattern.compile("to=<([^>]+)>", F);
    private static final Pattern TO_UNKNOWN = Pattern.compile("\\d{3} <([^>]+)>: User unknown ", F);
    private static final Pattern TO_UNTERMINATED = Pattern.compile("to=<(.*?)(?:[, ]|$)", F);
    private static final Pattern FROM = Pattern.compile("from=<([^>]+)>", F);
    private static final Pattern RECIPIENT_REASON = Pattern.compile("^(Recipient address rejected:|User unknown( |$))", F);
    private static final Pattern PIPELINING = Pattern.compile("^.*?\\d{3} (Improper use of SMTP command pipelining);.*$", F);
    private static final Pattern SOURCE = Pattern.compile("^.+? from (\\S+?):.*$", F);
    private static final Pattern SIZE_LIMIT = Pattern.compile("^.*?\\d{3} (Message size exceeds fixed limit);.*$", F);
    private static final Pattern CONFIG_ERROR = Pattern.compile("^.*?\\d{3} (Server configuration (?:error|problem));.*$", F);

    private final ReportOptions options;

    SmtpdRejectParser(ReportOptions options) {
        this.options = options;
    }

    PostfixEvent parse(Origin origin, PolicyAction action, String line) {
        String[] m = LineScan.policyAction(line);
        if (m == null) {
            // pflogsumm counts these under undefined keys: an empty row, "  (<>)" with --rej-add-from
            return new PostfixEvent.PolicyDecision(origin, action, "", "", withFrom("", "<>", options.rejectAddFrom()),
                    PostfixEventParser.message(line));
        }
        String stage = m[0];
        String client = m[1];
        String rest = m[2];
        String reason = rest;
        if (!options.verboseMsgDetail()) {
            reason = shortReason(stage, reason);
        }
        // each pattern is tried only where its literal text is: the same results, without a regex
        // search over most reject lines
        String to = rest.contains("to=<") ? firstGroup(rest, TO) : null;
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
        String from = rest.contains("from=<") ? firstGroup(rest, FROM) : null;
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
                && RECIPIENT_REASON.matcher(reason).find()) {
            subject = addFrom ? to + "  (" + from + ")" : to;
        } else if (reason.contains("Improper use of SMTP command pipelining;") && (r = PIPELINING.matcher(reason)).matches()) {
            reason = r.group(1);
            Matcher src = SOURCE.matcher(line);
            subject = (src.matches() ? src.group(1) : "") + toSuffix;
        } else if (reason.contains("Message size exceeds fixed limit;") && (r = SIZE_LIMIT.matcher(reason)).matches()) {
            reason = r.group(1);
            subject = withFromAndTo(PflogsummText.gimmeDomain(client), from, addFrom, toSuffix);
        } else if (reason.contains("Server configuration ") && (r = CONFIG_ERROR.matcher(reason)).matches()) {
            reason = "(Local) " + r.group(1);
            subject = withFromAndTo(PflogsummText.gimmeDomain(client), from, addFrom, toSuffix);
        } else {
            subject = withFromAndTo(PflogsummText.gimmeDomain(client), from, addFrom, toSuffix);
        }
        return new PostfixEvent.PolicyDecision(origin, action, stage, reason, subject, PostfixEventParser.message(line));
    }

    private static String shortReason(String stage, String reason) {
        String r = reason;
        if (stage.equals("RCPT") || stage.equals("DATA") || stage.equals("CONNECT")) {
            if (r.length() > 4 && r.charAt(3) == ' ' && r.charAt(4) == '<' && r.contains(">:")) {
                r = ADDRESS_AFTER_CODE.matcher(r).replaceFirst("$1$2");
            }
            if (r.contains("Protocol error;")) {
                r = PROTOCOL_ERROR.matcher(r).replaceFirst("$1");
            }
            r = RCPT_REASON.matcher(r).replaceFirst("$1");
            if (r.contains(" address rejected: ")) {
                r = ADDRESS_REJECTED.matcher(r).replaceFirst("$1");
            }
            if (r.contains(" blocked")) {
                r = BLOCKED.matcher(r).replaceFirst("blocked");
            }
        } else if (stage.equals("MAIL")) {
            r = MAIL_REASON.matcher(r).replaceFirst("$1");
        } else {
            r = OTHER_REASON.matcher(r).replaceFirst("$1");
        }
        return r;
    }

    private static String withFrom(String data, String from, boolean addFrom) {
        return addFrom ? data + "  (" + from + ")" : data;
    }

    private static String withFromAndTo(String data, String from, boolean addFrom, String toSuffix) {
        return withFrom(data, from, addFrom) + toSuffix;
    }

    /** The first group of the pattern's first match, or null. */
    private static String firstGroup(String text, Pattern p) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
