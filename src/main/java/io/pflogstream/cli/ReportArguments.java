package io.pflogstream.cli;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.YearRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * pflogsumm's command line, parsed with picocli the way Getopt::Long reads it: {@code -x},
 * clustered {@code -eq}, {@code --long}, {@code --long=value}, {@code --long value}, unique
 * abbreviations, and "_" for "-" in long names. Options of later pflogsumm releases and of
 * pflogstream itself follow; {@code --config FILE} reads "name = value" lines first.
 */
@Command(name = "report", sortOptions = false)
public final class ReportArguments {
    // ---- pflogsumm 1.1.5 ----
    @Option(
            names = "-d",
            paramLabel = "today|yesterday|YYYY-MM-DD[:YYYY-MM-DD]|this-week|last-week|this-month|last-month")
    String day;

    @Option(names = "-e")
    boolean messageDetail;

    @Option(names = "-h")
    Integer hostLimit;

    @Option(names = "-u")
    Integer userLimit;

    @Option(names = {"-i", "--ignore-case"})
    boolean ignoreCase;

    @Option(names = "--iso-date-time")
    boolean isoDateTime;

    @Option(names = {"-m", "--uucp-mung"})
    boolean uucpMung;

    @Option(names = "--mailq")
    boolean mailqOption;

    @Option(names = "--alerts")
    boolean alertsOption;

    @Option(names = "--alert-rules")
    String alertRules;

    @Option(names = "--alert-setting")
    List<String> alertSettings = new java.util.ArrayList<>();

    @Option(names = "--no-no-msg-size")
    boolean noNoMsgSize;

    @Option(names = "--problems-first")
    boolean problemsFirst;

    @Option(names = "-q")
    boolean quiet;

    @Option(names = "--rej-add-from")
    boolean rejAddFrom;

    @Option(names = "--detail")
    Integer detail;

    @Option(names = "--bounce-detail")
    Integer bounceDetail;

    @Option(names = "--deferral-detail")
    Integer deferralDetail;

    @Option(names = "--reject-detail")
    Integer rejectDetail;

    @Option(names = "--smtp-detail")
    Integer smtpDetail;

    @Option(names = "--smtpd-stats")
    boolean smtpdStats;

    @Option(names = "--smtpd-warning-detail")
    Integer smtpdWarningDetail;

    @Option(names = "--syslog-name")
    List<String> syslogNames = new ArrayList<>();

    @Option(names = "--verbose-msg-detail")
    boolean verboseMsgDetail;

    @Option(names = "--verp-mung", arity = "0..1", fallbackValue = "0")
    Integer verpMung;

    @Option(names = "--zero-fill")
    boolean zeroFill;

    @Option(names = "--help")
    boolean helpOption;

    @Option(names = "--version")
    boolean versionOption;

    @Option(names = "--no-bounce-detail")
    boolean noBounceDetail;

    @Option(names = "--no-deferral-detail")
    boolean noDeferralDetail;

    @Option(names = "--no-reject-detail")
    boolean noRejectDetail;

    @Option(names = "--no-smtpd-warnings")
    boolean noSmtpdWarnings;
    // ---- later pflogsumm releases ----
    @Option(names = "--dow0mon")
    boolean weekStartsMonday;

    @Option(names = "--colwidth")
    Integer colWidth;

    @Option(names = "--srs-mung")
    boolean srsMung;

    @Option(names = "--use-orig-to")
    boolean useOrigTo;

    @Option(names = "--rej-add-to")
    boolean rejAddTo;

    @Option(names = "--unprocd-file")
    Path unprocessedFile;

    @Option(names = "--pscrn-stats")
    boolean pscrnStats;

    @Option(names = "--pscrn-detail")
    Integer pscrnDetail;

    @Option(names = "--config")
    Path configFile;

    @Option(names = "--dump-config")
    boolean dumpConfigOption;
    // ---- pflogstream ----
    @Option(names = "--today")
    String todayOption;

    @Option(names = "--year")
    Integer year;

    @Option(names = "--exact")
    boolean exactMode;

    @Option(names = "--delay-percentiles")
    boolean delayPercentiles;

    @Option(names = "--remember-removed")
    boolean rememberRemoved;

    @Option(names = "--forget-removed")
    boolean forgetRemoved;

    @Option(names = "--exact-years")
    boolean exactYears;

    @Option(names = "--time-zone")
    String timeZone;

    @Option(names = "--format")
    String formatOption = "text";

    @Option(names = "--max-line-length")
    Integer maxLineLength;

    @Parameters
    List<String> fileArgs = new ArrayList<>();

    public ReportOptions options;
    public List<String> files;
    public boolean help;
    public boolean version;
    /**
     * text (pflogsumm's report), json (the pflog.summary record of the whole run), html, or alerts
     * (the pflog.alerts records the incident detectors raise over the files, one JSON object a line).
     */
    public String format;

    public boolean mailq;
    /** The text report ends with an "Alerts" section: the incidents over the files. */
    public boolean alerts;
    /** The detectors' rules and thresholds, when alerts are asked for (--format alerts, --alerts), else null. */
    public io.pflogstream.alert.Alerting alerting;
    /** Where lines no rule took go (--unprocd-file), or null. */
    public Path unprocessed;
    /** The effective configuration, "name = value" lines, when --dump-config asked for it. */
    public String dumpedConfig;
    /** pflogsumm's warnings for deprecated options, printed before the report. */
    public List<String> warnings;

    private ReportArguments() {}

    public static ReportArguments parse(String[] args, LocalDate today) throws UsageException {
        String[] normalised = underscoresToDashes(args);
        ReportArguments a = new ReportArguments();
        CommandLine cl = commandLine(a);
        try {
            cl.parseArgs(normalised);
            if (a.configFile != null) {
                // the file's settings first, then the command line again on top
                List<String> combined = new ArrayList<>(configArguments(a.configFile));
                combined.addAll(List.of(normalised));
                a = new ReportArguments();
                commandLine(a).parseArgs(combined.toArray(String[]::new));
            }
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new UsageException("unknown option: " + e.getUnmatched().get(0));
        } catch (CommandLine.ParameterException e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "Invalid value for option '(.+?)': '(.*?)' is not an int")
                    .matcher(e.getMessage());
            throw new UsageException(
                    m.find()
                            ? "option " + m.group(1) + " takes a whole number, not '" + m.group(2) + "'"
                            : e.getMessage());
        }
        a.resolve(today);
        return a;
    }

    private static CommandLine commandLine(ReportArguments a) {
        CommandLine cl = new CommandLine(a);
        cl.setAbbreviatedOptionsAllowed(true);
        cl.setPosixClusteredShortOptionsAllowed(true);
        cl.setUnmatchedOptionsArePositionalParams(false);
        cl.setOverwrittenOptionsAllowed(true); // Getopt::Long: the last one wins
        return cl;
    }

    /**
     * What Getopt::Long does before picocli sees the arguments: {@code tr/_/-/ if(/^--\w/)} on
     * every argument before the first "--" (as pflogsumm), and {@code --verp-mung} takes the next
     * argument only when it is a number.
     */
    static String[] underscoresToDashes(String[] args) {
        List<String> out = new ArrayList<>(args.length);
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                options = false;
            }
            if (options && a.length() > 2 && a.startsWith("--") && Character.isLetterOrDigit(a.charAt(2))) {
                a = a.replace('_', '-');
                if (a.equals("--verp-mung") && (i + 1 >= args.length || !args[i + 1].matches("-?\\d+"))) {
                    a = "--verp-mung=0";
                }
            }
            out.add(a);
        }
        return out.toArray(String[]::new);
    }

    private void resolve(LocalDate clock) throws UsageException {
        LocalDate today = todayOption == null ? clock : OptionValues.date("--today", todayOption);
        ReportOptions.Builder b = ReportOptions.builder(today);
        b.messageDetail(messageDetail)
                .ignoreCase(ignoreCase)
                .isoDateTime(isoDateTime)
                .uucpMung(uucpMung)
                .noNoMsgSize(noNoMsgSize)
                .problemsFirst(problemsFirst)
                .quiet(quiet)
                .rejectAddFrom(rejAddFrom)
                .smtpdStats(smtpdStats)
                .verboseMsgDetail(verboseMsgDetail)
                .zeroFill(zeroFill)
                .verpMung(verpMung)
                .syslogNames(syslogNames)
                .srsMung(srsMung)
                .useOrigTo(useOrigTo)
                .rejectAddTo(rejAddTo)
                .postscreenStats(pscrnStats)
                .colWidth(colWidth)
                .year(year);
        if (hostLimit != null) b.hostLimit(hostLimit);
        if (userLimit != null) b.userLimit(userLimit);
        if (bounceDetail != null) b.bounceDetail(bounceDetail);
        if (deferralDetail != null) b.deferralDetail(deferralDetail);
        if (rejectDetail != null) b.rejectDetail(rejectDetail);
        if (smtpDetail != null) b.smtpDetail(smtpDetail);
        if (smtpdWarningDetail != null) b.smtpdWarningDetail(smtpdWarningDetail);
        if (pscrnDetail != null) b.postscreenDetail(pscrnDetail);
        // pflogsumm warns in this order, whatever the order on the command line
        warnings = new ArrayList<>();
        if (noBounceDetail) {
            b.bounceDetail(0);
            warnings.add(deprecated("no_bounce_detail", "bounce-detail=0"));
        }
        if (noDeferralDetail) {
            b.deferralDetail(0);
            warnings.add(deprecated("no_deferral_detail", "deferral-detail=0"));
        }
        if (noRejectDetail) {
            b.rejectDetail(0);
            warnings.add(deprecated("no_reject_detail", "reject-detail=0"));
        }
        if (noSmtpdWarnings) {
            b.smtpdWarningDetail(0);
            warnings.add(deprecated("no_smtpd_warnings", "smtpd-warning-detail=0"));
        }
        if (detail != null) {
            b.detail(detail);
            if (pscrnDetail == null) b.postscreenDetail(detail);
        }
        if (exactYears) b.yearRule(YearRule.HONOUR_RFC3339);
        if (exactMode) b.exact(true);
        if (rememberRemoved && forgetRemoved) {
            throw new UsageException("--remember-removed and --forget-removed contradict each other");
        }
        if (forgetRemoved) b.forgetRemovedMessages(true);
        if (rememberRemoved) b.forgetRemovedMessages(false);
        if (timeZone != null) b.timeZone(OptionValues.zone("--time-zone", timeZone));
        if (maxLineLength != null) b.maxLineLength(OptionValues.maxLineLength(maxLineLength));
        if (day != null) dayOption(b, today);
        if (!List.of("text", "json", "html", "alerts").contains(formatOption)) {
            throw new UsageException("--format takes text, json, html or alerts, not '" + formatOption + "'");
        }
        // the JSON summaries carry the percentiles; the text and HTML reports when asked
        b.printDelayPercentiles(delayPercentiles).keepDelayPercentiles(formatOption.equals("json"));
        options = b.build();
        files = List.copyOf(fileArgs);
        help = helpOption;
        version = versionOption;
        format = formatOption;
        mailq = mailqOption;
        alerts = alertsOption;
        alerting = format.equals("alerts") || alerts ? StreamCommand.alerting(alertRules, alertSettings) : null;
        unprocessed = unprocessedFile;
        warnings = List.copyOf(warnings);
        dumpedConfig = dumpConfigOption ? dumpConfig() : null;
    }

    /**
     * pflogsumm's -d today|yesterday (matched on the stamp's text, as 1.1.5 does), and later
     * releases' dates, ranges, and weeks or months (weeks start on Sunday, or Monday with --dow0mon).
     */
    private void dayOption(ReportOptions.Builder b, LocalDate today) throws UsageException {
        switch (day) {
            case "today", "yesterday" -> b.dayFilter(day);
            case "this-week", "last-week" -> {
                DayOfWeek first = weekStartsMonday ? DayOfWeek.MONDAY : DayOfWeek.SUNDAY;
                LocalDate start = today.with(TemporalAdjusters.previousOrSame(first));
                if (day.equals("last-week")) start = start.minusWeeks(1);
                b.dateRange(start, day.equals("last-week") ? start.plusDays(6) : today);
            }
            case "this-month" -> b.dateRange(today.withDayOfMonth(1), today);
            case "last-month" -> {
                LocalDate start = today.minusMonths(1).withDayOfMonth(1);
                b.dateRange(start, start.plusMonths(1).minusDays(1));
            }
            default -> {
                if (!day.matches("\\d{4}-\\d\\d-\\d\\d(:\\d{4}-\\d\\d-\\d\\d)?")) {
                    throw new UsageException(
                            "-d takes today, yesterday, YYYY-MM-DD[:YYYY-MM-DD], this-week, last-week, "
                                    + "this-month or last-month, not '" + day + "'");
                }
                String[] range = day.split(":", 2);
                LocalDate from = OptionValues.date("-d", range[0]);
                LocalDate to = range.length > 1 ? OptionValues.date("-d", range[1]) : from;
                if (to.isBefore(from)) throw new UsageException("-d " + day + ": the range ends before it starts");
                b.dateRange(from, to);
            }
        }
    }

    /** "name = value" lines of a --config file as arguments; # starts a comment. */
    private static List<String> configArguments(Path file) throws UsageException {
        List<String> args = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        for (String raw : lines) {
            String line = raw.replaceFirst("#.*$", "").trim();
            if (line.isEmpty()) continue;
            String[] kv = line.split("\\s*=\\s*", 2);
            String name = kv[0].replace('_', '-');
            String option = name.length() == 1 ? "-" + name : "--" + name;
            if (option.equals("--config") || option.equals("--dump-config")) continue;
            if (kv.length == 1 || kv[1].equalsIgnoreCase("true") || kv[1].equalsIgnoreCase("yes")) {
                args.add(option);
            } else if (!kv[1].equalsIgnoreCase("false") && !kv[1].equalsIgnoreCase("no")) {
                args.add(option + "=" + kv[1]);
            }
        }
        return args;
    }

    /** The options in effect, in --config's own format. */
    private String dumpConfig() {
        Map<String, Object> set = new LinkedHashMap<>();
        for (CommandLine.Model.OptionSpec o :
                new CommandLine(this).getCommandSpec().options()) {
            String name = o.longestName().replaceFirst("^--?", "");
            if (name.equals("config") || name.equals("dump-config") || name.equals("help") || name.equals("version"))
                continue;
            Object v = o.getValue();
            if (v == null || Boolean.FALSE.equals(v) || (v instanceof List<?> l && l.isEmpty())) continue;
            set.put(name, v);
        }
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        w.println("# pflogstream report options (use with --config FILE)");
        set.forEach((k, v) -> {
            if (v instanceof List<?> l) {
                l.forEach(item -> w.println(k + " = " + item));
            } else {
                w.println(Boolean.TRUE.equals(v) ? k + " = true" : k + " = " + v);
            }
        });
        w.flush();
        return out.toString();
    }

    private static String deprecated(String old, String replacement) {
        return "pflogsumm: \"" + old + "\" is deprecated, use \"" + replacement + "\" instead";
    }
}
