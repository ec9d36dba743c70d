package io.pflogstream.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of one log and its rotations, oldest first, as logrotate names them: numbered
 * ({@code mail.log.3.gz, mail.log.2.gz, mail.log.1, mail.log}) or dated
 * ({@code mail.log-20261125.gz, mail.log-20261126, mail.log}).
 */
public final class RotatedLogs {
    private static final Pattern NUMBERED = Pattern.compile("^(.+?)\\.(\\d+)(?:\\.(?:gz|bz2|xz))?$");
    private static final Pattern DATED = Pattern.compile("^(.+?)-(\\d{8,10})(?:\\.(?:gz|bz2|xz))?$");
    private static final Pattern COMPRESSED = Pattern.compile("^(.+?)\\.(?:gz|bz2|xz)$");

    private RotatedLogs() {}

    /** The files of {@code dir} in reading order; several different logs in one folder are refused. */
    public static List<Path> inOrder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        }
        TreeSet<String> bases = new TreeSet<>();
        files.forEach(f -> bases.add(base(f)));
        if (bases.size() > 1) {
            throw new IllegalArgumentException(dir + " holds several logs (" + String.join(", ", bases)
                    + "); name the files instead, e.g. " + dir.resolve(bases.first()) + "*");
        }
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparingLong(RotatedLogs::age).reversed().thenComparing(Path::toString));
        return ordered;
    }

    static String base(Path p) {
        String name = p.getFileName().toString();
        Matcher m;
        if ((m = NUMBERED.matcher(name)).matches()
                || (m = DATED.matcher(name)).matches()
                || (m = COMPRESSED.matcher(name)).matches()) {
            return m.group(1);
        }
        return name;
    }

    /** Larger is older: mail.log.3 (3) before mail.log.1 (1) before mail.log (0); dated ones by date. */
    static long age(Path p) {
        String name = p.getFileName().toString();
        Matcher m = NUMBERED.matcher(name);
        if (m.matches()) {
            return Long.parseLong(m.group(2));
        }
        m = DATED.matcher(name);
        if (m.matches()) {
            return 100_000_000_000L - Long.parseLong(m.group(2).substring(0, 8));
        }
        return 0;
    }
}
