package io.pflogstream.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a report in a canonical form for comparison: pflogsumm lists rows that tie on its sort key
 * in Perl's random hash order, so runs of tied rows are sorted by their text on both sides; under a
 * top-N limit the tied rows at the cut keep their counts but lose their names.
 */
public final class TiedRows {
    private static final Pattern COUNT_ROW = Pattern.compile("^( +)( *\\d+[ km])  (.*)$");
    private static final Pattern TWO_NUMBERS = Pattern.compile("^ +(\\d+[ km]) +(\\d+[ km]|\\d+:\\d\\d:\\d\\d) .*$");

    private TiedRows() {}

    private static final Pattern TOP_N = Pattern.compile("\\(top (\\d+)\\)|^top (\\d+) ");

    public static String canonical(String report) {
        String[] lines = report.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        String section = "";
        int limit = -1;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            String key = tieKey(section, line);
            if (key == null) {
                boolean title = i + 1 < lines.length && !line.isEmpty() && lines[i + 1].matches("-+");
                if (title) {
                    section = line;
                }
                // the limit of the rows that follow: pflogsumm writes "(top N)" or "top N" above them
                Matcher top = TOP_N.matcher(line);
                if (top.find()) {
                    limit = Integer.parseInt(top.group(1) != null ? top.group(1) : top.group(2));
                } else if (title) {
                    limit = -1;
                }
                out.add(line);
                i++;
                continue;
            }
            int end = i;
            List<String[]> rows = new ArrayList<>();
            while (end < lines.length && (key = tieKey(section, lines[end])) != null) {
                rows.add(new String[] {key, lines[end]});
                end++;
            }
            canonicalRows(rows, limit, out);
            i = end;
        }
        return String.join("\n", out);
    }

    private static void canonicalRows(List<String[]> rows, int limit, List<String> out) {
        int start = 0;
        while (start < rows.size()) {
            int end = start;
            while (end < rows.size() && rows.get(end)[0].equals(rows.get(start)[0])) {
                end++;
            }
            List<String> run = new ArrayList<>();
            boolean atCut = limit > 0 && rows.size() == limit && end == rows.size() && end - start > 0;
            for (int k = start; k < end; k++) {
                run.add(atCut ? rows.get(k)[0] + " <tied at the cut>" : rows.get(k)[1]);
            }
            run.sort(null);
            out.addAll(run);
            start = end;
        }
    }

    private static String tieKey(String section, String line) {
        if (section.startsWith("Host/Domain Summary")) {
            Matcher m = TWO_NUMBERS.matcher(line);
            return m.matches() ? m.group(1) + "|" + m.group(2) : null;
        }
        Matcher m = COUNT_ROW.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return m.group(1) + m.group(2) + "|" + normalizeHost(m.group(3));
    }

    /** pflogsumm's normalize_host, written again here so the test does not trust the code under test. */
    static String normalizeHost(String s) {
        String first = s.split("\\s", -1)[0];
        Matcher ip = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$")
                .matcher(first);
        if (ip.matches()) {
            StringBuilder b = new StringBuilder();
            for (int g = 1; g <= 4; g++) b.appendCodePoint(Integer.parseInt(ip.group(g)));
            return b.toString();
        }
        String[] parts = first.split("[.@]", -1);
        StringBuilder b = new StringBuilder();
        for (int k = parts.length - 1; k >= 0; k--) b.append(parts[k].toLowerCase(java.util.Locale.ROOT));
        return b.toString();
    }
}
