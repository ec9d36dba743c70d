package io.pflogstream.golden;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's pflogsumm 1.1.5, run for real: the ground truth of the differential tests. Its clock is
 * pinned with faketime so that its year guess matches the {@code today} pflogstream is given.
 */
public final class Pflogsumm {
    private static final Path BINARY = Path.of("/usr/sbin/pflogsumm");

    private Pflogsumm() {}

    public static boolean available() {
        return Files.isExecutable(BINARY) && onPath("faketime");
    }

    public static String run(List<String> args, List<Path> logs, LocalDate today)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("faketime", today + " 12:00:00", BINARY.toString()));
        cmd.addAll(args);
        logs.forEach(p -> cmd.add(p.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PERL_HASH_SEED", "0");
        pb.environment().put("PERL_PERTURB_KEYS", "0");
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("pflogsumm failed: " + cmd);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
