package io.pflogstream.fault;

import io.pflogstream.golden.Pflogsumm;
import io.pflogstream.golden.TiedRows;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a job's day reports ({@code --report-dir}) against pflogsumm run on that host-day's lines
 * alone (and the fleet's day against all hosts' lines of the day), after ordering tied rows.
 * Every host-day of the input must have its report. The year of a traditional stamp is guessed as
 * pflogsumm does on {@code today}.
 *
 * <pre>DayReportComparison REPORT_DIR TODAY INPUT.log ...</pre>
 *
 * Prints {@code day_reports=K mismatched_reports=M missing_reports=L} and the names of the
 * mismatched and missing ones.
 */
public final class DayReportComparison {
    private static final Pattern STAMP = Pattern.compile("^(\\w{3}) +(\\d{1,2}) \\d\\d:\\d\\d:\\d\\d (\\S+) ");

    private DayReportComparison() {}

    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args[0]);
        LocalDate today = LocalDate.parse(args[1]);
        Map<String, List<String>> byHostDay = new TreeMap<>();
        for (int i = 2; i < args.length; i++) {
            for (String line : Files.readAllLines(Path.of(args[i]), StandardCharsets.ISO_8859_1)) {
                Matcher m = STAMP.matcher(line);
                if (!m.find() || !line.contains(" postfix")) {
                    continue;
                }
                String date = date(m.group(1), Integer.parseInt(m.group(2)), today);
                if (date == null) {
                    continue;
                }
                byHostDay
                        .computeIfAbsent(m.group(3) + "/" + date, k -> new ArrayList<>())
                        .add(line);
                byHostDay
                        .computeIfAbsent("fleet/" + date, k -> new ArrayList<>())
                        .add(line);
            }
        }
        Path scratch = Files.createTempFile("host-day", ".log");
        int compared = 0;
        List<String> mismatched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try {
            for (Map.Entry<String, List<String>> e : byHostDay.entrySet()) {
                Path report = reports.resolve(e.getKey() + ".txt");
                if (!Files.exists(report)) {
                    missing.add(e.getKey());
                    continue;
                }
                try (BufferedWriter w = Files.newBufferedWriter(scratch, StandardCharsets.ISO_8859_1)) {
                    for (String line : e.getValue()) {
                        w.write(line);
                        w.write('\n');
                    }
                }
                String expected = Pflogsumm.run(List.of(), List.of(scratch), today);
                String actual = Files.readString(report, StandardCharsets.ISO_8859_1);
                compared++;
                if (!TiedRows.canonical(actual).equals(TiedRows.canonical(expected))) {
                    mismatched.add(e.getKey());
                    // beside the report, for a diff: a failed soak keeps its work directory
                    Files.writeString(
                            reports.resolve(e.getKey() + ".pflogsumm"), expected, StandardCharsets.ISO_8859_1);
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        try (Stream<Path> files = Files.walk(reports)) {
            long extra = files.filter(p -> p.toString().endsWith(".txt")).count() - compared;
            if (extra > 0) {
                System.err.println("reports for days not in the input: " + extra);
            }
        }
        mismatched.forEach(k -> System.err.println("mismatched: " + k));
        missing.forEach(k -> System.err.println("missing: " + k));
        System.out.println("day_reports=" + compared + " mismatched_reports=" + mismatched.size() + " missing_reports="
                + missing.size());
    }

    /** pflogsumm's year guess: a month after today's belongs to last year. */
    private static String date(String month, int day, LocalDate today) {
        for (Month mo : Month.values()) {
            if (mo.getDisplayName(TextStyle.SHORT, Locale.ROOT).equals(month)) {
                int year = mo.getValue() > today.getMonthValue() ? today.getYear() - 1 : today.getYear();
                return LocalDate.of(year, mo, day).toString();
            }
        }
        return null;
    }
}
