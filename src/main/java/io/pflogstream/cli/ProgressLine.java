package io.pflogstream.cli;

import io.pflogstream.io.ReadProgress;
import java.io.File;
import java.io.PrintStream;
import java.util.List;

/**
 * "read 1.2M lines, 180 of 720 MB" on stderr while a long report runs, only on a terminal (never in
 * cron mail or a pipe), starting after a few seconds and erased when done.
 */
final class ProgressLine implements AutoCloseable {
    private static final long FIRST_AFTER_MS = 3000;
    private static final long EVERY_MS = 1000;

    private final Thread thread;
    private final PrintStream stderr;
    private volatile boolean done;
    private volatile boolean shown;

    private ProgressLine(List<String> files, PrintStream stderr) {
        this.stderr = stderr;
        long total = files.stream().mapToLong(f -> new File(f).length()).sum();
        ReadProgress.reset();
        thread = new Thread(
                () -> {
                    try {
                        Thread.sleep(FIRST_AFTER_MS);
                        while (!done) {
                            stderr.printf(
                                    "\rpflogstream: read %,d lines, %d of %d MB ",
                                    ReadProgress.lines(), ReadProgress.bytes() >> 20, total >> 20);
                            stderr.flush();
                            shown = true;
                            Thread.sleep(EVERY_MS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "progress-line");
        thread.setDaemon(true);
        thread.start();
    }

    static ProgressLine startIfInteractive(List<String> files, PrintStream stderr) {
        return System.console() == null ? null : new ProgressLine(files, stderr);
    }

    @Override
    public void close() throws InterruptedException {
        done = true;
        thread.interrupt();
        thread.join();
        if (shown) {
            stderr.print("\r" + " ".repeat(60) + "\r");
            stderr.flush();
        }
    }
}
