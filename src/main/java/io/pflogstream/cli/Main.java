package io.pflogstream.cli;

import io.pflogstream.job.ReportRunner;
import io.pflogstream.report.PflogsummReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Entry point: {@code pflogstream report [pflogsumm options] [FILE ...]}. */
public final class Main {
    static final String VERSION = "pflogstream 0.1.0 (pflogsumm 1.1.5 compatible)";
    static final String USAGE = """
            usage: pflogstream report -[eq] [-d <today|yesterday>] [--detail <cnt>]
            	[--bounce-detail <cnt>] [--deferral-detail <cnt>]
            	[-h <cnt>] [-i|--ignore-case] [--iso-date-time]
            	[-m|--uucp-mung] [--no-no-msg-size] [--problems-first]
            	[--rej-add-from] [--reject-detail <cnt>] [--smtp-detail <cnt>]
            	[--smtpd-stats] [--smtpd-warning-detail <cnt>]
            	[--syslog-name=string] [-u <cnt>] [--verbose-msg-detail]
            	[--verp-mung[=<n>]] [--zero-fill] [file1 [filen]]
            	[--dow0mon] [--colwidth <n>] [--srs-mung] [--use-orig-to] [--rej-add-to]
            	[--unprocd-file FILE] [--pscrn-stats] [--pscrn-detail <cnt>] [--config FILE] [--dump-config]
            	[--today YYYY-MM-DD] [--year YYYY] [--exact] [--exact-years] [--forget-removed|--remember-removed]
            	[--time-zone ZONE] [--format text|json|html|alerts] [--alerts] [--alert-rules FILE] [--alert-setting NAME=VALUE]... [--delay-percentiles] [--max-line-length <bytes>]
            -d also takes YYYY-MM-DD, YYYY-MM-DD:YYYY-MM-DD, this-week, last-week, this-month, last-month.

                   pflogstream report --[version|help]
            Files may be plain, .gz, .bz2 or .xz, and read in the order given; a directory stands for one
            log and its rotations, oldest first; none or '-' reads standard input.""";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.in));
    }

    static int run(String[] args, PrintStream stdout, PrintStream stderr, InputStream stdin) {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        String command = args.length == 0 ? "" : args[0];
        try {
            switch (command) {
                case "report":
                    return report(rest, stdout, stderr, stdin);
                case "generate":
                    return GenerateCommand.run(rest, stdout);
                case "stream":
                    return StreamCommand.run(rest, stdout, stderr);
                default:
                    throw new UsageException(
                            "commands are 'report', 'stream' and 'generate' (try: pflogstream report --help)");
            }
        } catch (UsageException e) {
            stderr.println("pflogstream: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            stderr.println("pflogstream: " + rootMessage(e));
            if (System.getenv("PFLOGSTREAM_DEBUG") != null) {
                e.printStackTrace(stderr);
            }
            return 1;
        }
    }

    private static int report(String[] rest, PrintStream stdout, PrintStream stderr, InputStream stdin)
            throws Exception {
        List<Path> temporary = new ArrayList<>();
        SkippedLines deadLetters;
        try {
            ReportArguments parsed = ReportArguments.parse(rest, today());
            if (parsed.help) {
                stdout.println(USAGE);
                return 0;
            }
            if (parsed.version) {
                stdout.println(VERSION);
                return 0;
            }
            if (parsed.dumpedConfig != null) {
                stdout.print(parsed.dumpedConfig);
                return 0;
            }
            parsed.warnings.forEach(stderr::println);
            List<String> files = inputFiles(parsed.files, stdin, temporary);
            ReportRunner.Result result;
            try (ProgressLine progress = ProgressLine.startIfInteractive(files, stderr);
                    SkippedLines skipped = new SkippedLines(parsed.unprocessed)) {
                result = ReportRunner.run(
                        ReportRunner.embeddedEnvironment(), files, parsed.options, skipped, parsed.alerting);
                deadLetters = skipped;
            }
            if (parsed.format.equals("alerts")) {
                // the records pflog.alerts would get for these lines, one per line
                for (io.pflogstream.alert.Alert a : result.alerts()) {
                    stdout.write(io.pflogstream.io.Json.utf8(
                            io.pflogstream.io.AlertJson.toJson(a, null).toString() + "\n"));
                }
                stdout.flush();
                deadLetters.report(stderr);
                return 0;
            }
            String report = parsed.format.equals("json")
                    ? io.pflogstream.io.Json.mapper()
                                    .writerWithDefaultPrettyPrinter()
                                    .writeValueAsString(io.pflogstream.io.SummaryJson.toJson(
                                            new io.pflogstream.summary.HostSummary(
                                                    io.pflogstream.summary.HostSummary.FLEET,
                                                    result.start(),
                                                    result.end(),
                                                    1,
                                                    result.summary()),
                                            "run"))
                            + "\n"
                    : parsed.format.equals("html")
                            ? io.pflogstream.report.HtmlReport.format(
                                    result.summary(), parsed.options, "Postfix log summary")
                            : PflogsummReport.format(result.summary(), parsed.options)
                                    + (parsed.alerts
                                            ? io.pflogstream.report.AlertsSection.format(result.alerts())
                                            : "");
            // pflogsumm never decodes its input: bytes in, the same bytes out
            OutputStream raw = stdout;
            // text gives back the log's own bytes, as pflogsumm does; json and html are UTF-8
            raw.write(
                    parsed.format.equals("text")
                            ? report.getBytes(StandardCharsets.ISO_8859_1)
                            : io.pflogstream.io.Json.utf8(report));
            raw.flush();
            if (parsed.mailq && parsed.format.equals("text")) {
                printMailQueue(stdout, stderr);
            }
            deadLetters.report(stderr);
            return 0;
        } finally {
            for (Path p : temporary) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp file left behind is not worth failing the report for
                }
            }
        }
    }

    /** The clock pflogsumm's year guess uses; PFLOGSTREAM_TODAY pins it (tests, reruns of old logs). */
    static LocalDate today() {
        String pinned = System.getenv("PFLOGSTREAM_TODAY");
        return pinned == null || pinned.isBlank() ? LocalDate.now() : LocalDate.parse(pinned.trim());
    }

    private static List<String> inputFiles(List<String> args, InputStream stdin, List<Path> temporary)
            throws IOException, UsageException {
        List<String> files = new ArrayList<>();
        if (args.isEmpty()) {
            args = List.of("-");
        }
        for (String f : args) {
            if (f.equals("-")) {
                // the source reads files; standard input is spooled to one first
                Path tmp = Files.createTempFile("pflogstream-stdin", ".log");
                temporary.add(tmp);
                Files.copy(stdin, tmp, StandardCopyOption.REPLACE_EXISTING);
                files.add(tmp.toString());
                continue;
            }
            Path p = Path.of(f);
            if (Files.isDirectory(p)) {
                try {
                    io.pflogstream.io.RotatedLogs.inOrder(p)
                            .forEach(r -> files.add(r.toAbsolutePath().toString()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                continue;
            }
            if (!Files.exists(p)) {
                throw new UsageException("cannot read " + f + ": no such file");
            }
            if (!Files.isReadable(p)) {
                throw new UsageException("cannot read " + f + ": permission denied");
            }
            if (!Files.isRegularFile(p)) {
                // a pipe or device (pflogsumm <(zcat ...)): spooled, since the source reads files
                Path tmp = Files.createTempFile("pflogstream-pipe", ".log");
                temporary.add(tmp);
                try (InputStream in = Files.newInputStream(p)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                files.add(tmp.toString());
                continue;
            }
            files.add(p.toAbsolutePath().toString());
        }
        return files;
    }

    /** pflogsumm's --mailq: the queue as the local `mailq` shows it, after the report. */
    private static void printMailQueue(PrintStream stdout, PrintStream stderr)
            throws IOException, InterruptedException {
        String title = "Current Mail Queue";
        stdout.print("\n" + title + "\n" + "-".repeat(title.length()) + "\n");
        stdout.flush();
        java.util.Optional<Path> mailq = java.util.Arrays.stream(
                        System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "mailq"))
                .filter(Files::isExecutable)
                .findFirst();
        if (mailq.isEmpty()) {
            stderr.println("pflogstream: --mailq: there is no mailq command on this machine (is Postfix installed?)");
            return;
        }
        Process p = new ProcessBuilder(mailq.get().toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().transferTo(stdout);
        p.waitFor();
        stdout.flush();
    }

    /** The innermost cause, after the file it concerns when a reader named one ("error reading F"). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        String file = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (file == null && t instanceof java.io.UncheckedIOException) {
                file = t.getMessage();
            }
            root = t;
        }
        String cause = root.getClass().getSimpleName() + ": " + root.getMessage();
        return file != null && root != e ? file + " (" + cause + ")" : cause;
    }
}
