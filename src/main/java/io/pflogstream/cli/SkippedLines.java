package io.pflogstream.cli;

import io.pflogstream.parse.DeadLetter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The report's dead letters as they come: counted by reason, and written to {@code --unprocd-file}
 * when asked, never kept (a log of millions of junk lines filled the heap with them). Afterwards,
 * one line per reason on stderr, most frequent first, with where the first such line is; lines of
 * an unknown Postfix shape only when asked (pflogsumm skips them silently too).
 */
final class SkippedLines implements Consumer<DeadLetter>, AutoCloseable {
    /** Reasons counted apart; past this many, the rest are counted together (reasons can hold text). */
    private static final int MAX_REASONS = 1000;

    private static final int REASONS_SHOWN = 5;

    private record Reason(long count, DeadLetter first) {}

    /**
     * Dead letters arrive nearly in input order (a block's malformed and unknown lines take two
     * paths): a window this long puts them back in order before they are written.
     */
    private static final int REORDER_WINDOW = 10_000;

    private final Writer unprocessed;
    private final java.util.PriorityQueue<DeadLetter> pending =
            new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(DeadLetter::seq));
    private final Map<String, Reason> byReason = new LinkedHashMap<>();
    private long unknownShape;
    private long otherReasons;

    /** @param unprocessedFile where every skipped line goes, in input order, or null */
    SkippedLines(Path unprocessedFile) throws IOException {
        this.unprocessed =
                unprocessedFile == null ? null : Files.newBufferedWriter(unprocessedFile, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void accept(DeadLetter d) {
        if (unprocessed != null) {
            pending.add(d);
            if (pending.size() > REORDER_WINDOW) {
                write(pending.poll());
            }
        }
        if (d.reason().startsWith("no rule")) {
            unknownShape++;
        } else if (byReason.containsKey(d.reason()) || byReason.size() < MAX_REASONS) {
            byReason.merge(
                    d.reason(),
                    new Reason(1, d),
                    (a, b) -> new Reason(a.count() + 1, a.first().seq() <= d.seq() ? a.first() : d));
        } else {
            otherReasons++;
        }
    }

    private void write(DeadLetter d) {
        try {
            unprocessed.write(d.line());
            unprocessed.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the unprocessed lines", e);
        }
    }

    void report(PrintStream stderr) {
        List<Map.Entry<String, Reason>> reasons = new ArrayList<>(byReason.entrySet());
        reasons.sort(java.util.Comparator.comparing(
                        (Map.Entry<String, Reason> e) -> -e.getValue().count())
                .thenComparing(Map.Entry::getKey));
        long rest = otherReasons;
        for (int i = 0; i < reasons.size(); i++) {
            Map.Entry<String, Reason> e = reasons.get(i);
            if (i >= REASONS_SHOWN) {
                rest += e.getValue().count();
                continue;
            }
            DeadLetter first = e.getValue().first();
            stderr.println("pflogstream: " + e.getValue().count() + " line(s) skipped, " + e.getKey()
                    + " (the first is line " + (first.seq() + 1) + " of the input, in " + first.source() + ")");
        }
        if (rest > 0) {
            stderr.println(
                    "pflogstream: " + rest + " line(s) skipped for other reasons; --unprocd-file FILE lists them");
        }
        if (unknownShape > 0 && System.getenv("PFLOGSTREAM_VERBOSE") != null) {
            stderr.println(
                    "pflogstream: " + unknownShape + " Postfix line(s) matched no rule (pflogsumm ignores them too)");
        }
    }

    @Override
    public void close() throws IOException {
        if (unprocessed != null) {
            while (!pending.isEmpty()) {
                write(pending.poll());
            }
            unprocessed.close();
        }
    }
}
