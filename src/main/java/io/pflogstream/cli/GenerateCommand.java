package io.pflogstream.cli;

import io.pflogstream.generate.LogGenerator;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code pflogstream generate}: a seeded, realistic Postfix log on stdout. */
final class GenerateCommand {
    static final String USAGE = "usage: pflogstream generate [--seed N] [--hosts N] [--days N] [--messages-per-day N]"
            + " [--first-day YYYY-MM-DD] [--rfc3339] [--long-queue-ids] [--reuse-queue-ids PERCENT]"
            + " [--new-people-daily] [--people N] [--incidents]";

    private GenerateCommand() {}

    static int run(String[] args, PrintStream stdout) throws Exception {
        long seed = 1;
        int hosts = 1;
        int days = 1;
        int perDay = 2000;
        LocalDate first = LocalDate.of(2026, 11, 20);
        boolean rfc3339 = false;
        boolean longIds = false;
        int reuse = 0;
        boolean newPeople = false;
        int people = 0;
        boolean incidents = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rfc3339" -> rfc3339 = true;
                case "--long-queue-ids" -> longIds = true;
                case "--new-people-daily" -> newPeople = true;
                case "--incidents" -> incidents = true;
                case "--help" -> {
                    stdout.println(USAGE);
                    return 0;
                }
                default -> {
                    if (i + 1 >= args.length) throw new UsageException("option " + a + " requires an argument");
                    String v = args[++i];
                    try {
                        switch (a) {
                            case "--seed" -> seed = Long.parseLong(v);
                            case "--hosts" -> hosts = positive(a, Integer.parseInt(v));
                            case "--days" -> days = positive(a, Integer.parseInt(v));
                            case "--messages-per-day" -> perDay = positive(a, Integer.parseInt(v));
                            case "--first-day" -> first = OptionValues.date(a, v);
                            case "--reuse-queue-ids" -> reuse = percent(a, Integer.parseInt(v));
                            case "--people" -> people = positive(a, Integer.parseInt(v));
                            default -> throw new UsageException("unknown option: " + a + " (" + USAGE + ")");
                        }
                    } catch (NumberFormatException | DateTimeParseException e) {
                        throw new UsageException("bad value for " + a + ": '" + v + "'");
                    }
                }
            }
        }
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.ISO_8859_1), 1 << 16);
        LogGenerator generator = new LogGenerator(
                new LogGenerator.Spec(seed, hosts, days, perDay, first, rfc3339, longIds, reuse, newPeople, people),
                out);
        if (incidents) {
            generator.withIncidents();
        }
        generator.run();
        out.flush();
        return 0;
    }

    private static int percent(String name, int v) throws UsageException {
        if (v < 0 || v > 100) throw new UsageException(name + " takes a percentage from 0 to 100");
        return v;
    }

    private static int positive(String name, int v) throws UsageException {
        if (v < 1) throw new UsageException(name + " must be at least 1");
        return v;
    }
}
