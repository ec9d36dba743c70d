package io.pflogstream.cli;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.YearRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * pflogsumm's command line (Getopt::Long style: {@code -x}, {@code --long}, {@code --long=value},
 * {@code --long value}; "_" may stand for "-" in long names), turned into {@link ReportOptions}.
 */
public final class ReportArguments {
    private static final java.util.Set<String> TAKES_VALUE = java.util.Set.of("d", "h", "u", "detail",
            "bounce-detail", "deferral-detail", "reject-detail", "smtp-detail", "smtpd-warning-detail",
            "syslog-name", "today", "time-zone", "format", "year");

    public final ReportOptions options;
    public final List<String> files;
    public final boolean help;
    public final boolean version;
    /** text (pflogsumm's report), json (the pflog.summary record of the whole run) or html. */
    public final String format;
    public final boolean mailq;
    /** pflogsumm's warnings for deprecated options, printed before the report. */
    public final List<String> warnings;

    private ReportArguments(ReportOptions options, List<String> files, boolean help, boolean version, String format,
            boolean mailq, List<String> warnings) {
        this.options = options;
        this.files = files;
        this.help = help;
        this.version = version;
        this.format = format;
        this.mailq = mailq;
        this.warnings = warnings;
    }

    public static ReportArguments parse(String[] args, LocalDate today) throws UsageException {
        ReportOptions.Builder b = ReportOptions.builder(today);
        List<String> files = new ArrayList<>();
        List<String> syslogNames = new ArrayList<>();
        Integer detail = null;
        boolean help = false;
        boolean version = false;
        String format = "text";
        boolean mailq = false;
        java.util.Set<String> deprecatedUsed = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (i++; i < args.length; i++) files.add(args[i]);
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                files.add(arg);
                continue;
            }
            String name = arg.replaceFirst("^--?", "");
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (arg.startsWith("--")) {
                name = name.replace('_', '-');
            }
            switch (name) {
                case "e" -> b.messageDetail(true);
                case "q" -> b.quiet(true);
                case "i", "ignore-case" -> b.ignoreCase(true);
                case "m", "uucp-mung" -> b.uucpMung(true);
                case "iso-date-time" -> b.isoDateTime(true);
                case "no-no-msg-size" -> b.noNoMsgSize(true);
                case "problems-first" -> b.problemsFirst(true);
                case "rej-add-from" -> b.rejectAddFrom(true);
                case "smtpd-stats" -> b.smtpdStats(true);
                case "verbose-msg-detail" -> b.verboseMsgDetail(true);
                case "zero-fill" -> b.zeroFill(true);
                case "help" -> help = true;
                case "version" -> version = true;
                case "verp-mung" -> b.verpMung(value == null ? 0 : number(name, value));
                case "mailq" -> mailq = true;
                case "no-bounce-detail" -> {
                    b.bounceDetail(0);
                    deprecatedUsed.add("no_bounce_detail");
                }
                case "no-deferral-detail" -> {
                    b.deferralDetail(0);
                    deprecatedUsed.add("no_deferral_detail");
                }
                case "no-reject-detail" -> {
                    b.rejectDetail(0);
                    deprecatedUsed.add("no_reject_detail");
                }
                case "no-smtpd-warnings" -> {
                    b.smtpdWarningDetail(0);
                    deprecatedUsed.add("no_smtpd_warnings");
                }
                case "exact-years" -> b.yearRule(YearRule.HONOUR_RFC3339);
                case "exact" -> b.exact(true);
                default -> {
                    if (!TAKES_VALUE.contains(name)) {
                        throw new UsageException("unknown option: " + arg);
                    }
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("option " + arg + " requires an argument");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "d" -> {
                            if (!value.equals("today") && !value.equals("yesterday")) {
                                throw new UsageException("-d takes 'today' or 'yesterday', not '" + value + "'");
                            }
                            b.dayFilter(value);
                        }
                        case "h" -> b.hostLimit(number(name, value));
                        case "u" -> b.userLimit(number(name, value));
                        case "detail" -> detail = number(name, value);
                        case "bounce-detail" -> b.bounceDetail(number(name, value));
                        case "deferral-detail" -> b.deferralDetail(number(name, value));
                        case "reject-detail" -> b.rejectDetail(number(name, value));
                        case "smtp-detail" -> b.smtpDetail(number(name, value));
                        case "smtpd-warning-detail" -> b.smtpdWarningDetail(number(name, value));
                        case "syslog-name" -> syslogNames.add(value);
                        case "format" -> {
                            if (!value.equals("text") && !value.equals("json") && !value.equals("html")) {
                                throw new UsageException("--format takes text, json or html, not '" + value + "'");
                            }
                            format = value;
                        }
                        case "time-zone" -> b.timeZone(OptionValues.zone("--time-zone", value));
                        case "year" -> b.year(number(name, value));
                        case "today" -> b.today(OptionValues.date("--today", value));
                        default -> throw new UsageException("unknown option: " + arg);
                    }
                }
            }
        }
        b.syslogNames(syslogNames);
        if (detail != null) {
            b.detail(detail);
        }
        // pflogsumm warns in this order, whatever the order on the command line
        List<String> warnings = new ArrayList<>();
        String[][] replacements = {{"no_bounce_detail", "bounce-detail=0"}, {"no_deferral_detail", "deferral-detail=0"},
            {"no_reject_detail", "reject-detail=0"}, {"no_smtpd_warnings", "smtpd-warning-detail=0"}};
        for (String[] r : replacements) {
            if (deprecatedUsed.contains(r[0])) {
                warnings.add(deprecated(r[0], r[1]));
            }
        }
        return new ReportArguments(b.build(), files, help, version, format, mailq, List.copyOf(warnings));
    }

    private static String deprecated(String old, String replacement) {
        return "pflogsumm: \"" + old + "\" is deprecated, use \"" + replacement + "\" instead";
    }

    private static int number(String name, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("option -" + name + " takes a whole number, not '" + value + "'");
        }
    }
}
