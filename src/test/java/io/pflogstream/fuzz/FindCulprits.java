package io.pflogstream.fuzz;

import io.pflogstream.cli.ReportArguments;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.golden.Pflogsumm;
import io.pflogstream.golden.TiedRows;
import io.pflogstream.job.ReportRunner;
import io.pflogstream.report.PflogsummReport;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * When a log with hostile lines reports differently from pflogsumm: finds the hostile lines that
 * make the difference, one at a time, by bisection (each probe is the good lines plus a prefix of
 * the hostile ones, in their places). {@code FindCulprits GOOD.log MIXED.log TODAY [pflogsumm options]}.
 */
public final class FindCulprits {
    private FindCulprits() {}

    public static void main(String[] args) throws Exception {
        Set<String> good = new HashSet<>(Arrays.asList(
                new String(Files.readAllBytes(Path.of(args[0])), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .split("\n")));
        List<byte[]> lines = split(Files.readAllBytes(Path.of(args[1])));
        LocalDate today = LocalDate.parse(args[2]);
        List<String> options = List.of(args).subList(3, args.length);
        List<Integer> hostile = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!good.contains(new String(lines.get(i), java.nio.charset.StandardCharsets.ISO_8859_1))) {
                hostile.add(i);
            }
        }
        Set<Integer> excluded = new HashSet<>();
        StreamExecutionEnvironment env = ReportRunner.embeddedEnvironment();
        for (int round = 0; round < 20; round++) {
            List<Integer> candidates =
                    hostile.stream().filter(i -> !excluded.contains(i)).toList();
            if (same(lines, candidates, candidates.size(), today, options, env)) {
                System.out.println("no more differences");
                return;
            }
            int lo = 0;
            int hi = candidates.size(); // differs with hi, not with lo
            while (hi - lo > 1) {
                int mid = (lo + hi) / 2;
                if (same(lines, candidates, mid, today, options, env)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            int culprit = candidates.get(hi - 1);
            System.out.println("line " + (culprit + 1) + ": "
                    + new String(lines.get(culprit), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .substring(0, Math.min(300, lines.get(culprit).length)));
            excluded.add(culprit);
        }
    }

    private static boolean same(
            List<byte[]> lines,
            List<Integer> hostile,
            int k,
            LocalDate today,
            List<String> options,
            StreamExecutionEnvironment env)
            throws Exception {
        Set<Integer> included = new HashSet<>(hostile.subList(0, k));
        Set<Integer> all = new HashSet<>(hostile);
        Path f = Files.createTempFile("culprits", ".log");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f))) {
            for (int i = 0; i < lines.size(); i++) {
                if (!all.contains(i) || included.contains(i)) {
                    out.write(lines.get(i));
                    out.write('\n');
                }
            }
        }
        ReportOptions o = ReportArguments.parse(options.toArray(String[]::new), today).options;
        String actual = PflogsummReport.format(
                ReportRunner.run(env, List.of(f.toString()), o).summary(), o);
        String expected = Pflogsumm.run(options, List.of(f), today);
        Files.delete(f);
        return TiedRows.canonical(actual).equals(TiedRows.canonical(expected));
    }

    private static List<byte[]> split(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            out.add(Arrays.copyOfRange(all, start, all.length));
        }
        return out;
    }
}
