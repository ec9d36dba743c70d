package io.pflogstream.io;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.parse.BlockParser;
import io.pflogstream.parse.LineParser;
import io.pflogstream.parse.Newlines;
import io.pflogstream.parse.ParsedBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A split's files, cut into blocks of whole lines and parsed by a few worker threads, handed to
 * the task thread in file order without ever blocking it. The report's input is one ordered
 * stream (pflogsumm's numbers depend on line order), so Flink cannot split it across subtasks;
 * parsing here uses the cores the ordered part downstream leaves idle. Workers take turns to cut
 * the next block off the input (numbering it), then parse it at the same time as the others.
 * Small blocks, a few of them in flight, so the task thread reads events while they are still
 * in a cache. With an order-dependent parser ({@link LineParser#orderDependent}) there is one worker,
 * which then sees every block in order.
 */
final class ParsedBlocks implements AutoCloseable {
    /**
     * About 250 lines of a typical log. Small blocks: the task thread then reads the events while
     * they are still in a cache (its CPU time for 4M lines: 2.0 s with 32 KB blocks; 3.0 s with
     * 256 KB ones).
     */
    static final int BLOCK_BYTES = 1 << 15;
    /**
     * Blocks cut but not yet emitted, per worker: enough slack that a pause on one side (a GC, the
     * JIT taking the core) does not stall the other. 20M lines, one worker: 2 ahead 27.7 and
     * 28.9 s, 8 ahead 24.7 and 26.3 s, 32 ahead 25.6 and 27.7 s.
     */
    private static final int AHEAD_PER_WORKER = 8;

    private record Parsed(long number, int fileIndex, ParsedBatch batch) {}

    private final List<String> files;
    private final List<Thread> workers = new ArrayList<>();
    private final Semaphore ahead;
    private final AtomicReferenceArray<Parsed> ready;
    // the input cursor, guarded by itself: the next block's number, file and first line number
    private final Cursor cursor;
    private volatile long blocksTotal = -1;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    /** The task thread waits on this for block {@link #emitted}; a worker completes it. */
    private volatile CompletableFuture<Void> waiting;
    // task thread only
    private long emitted;
    private int emittedFile;
    private long emittedLinesInFile;
    private long emittedSeq;

    /**
     * @param skipLines lines of the first file already emitted before (a restored split)
     * @param seqBase line number of the first line to read, in the whole input
     */
    ParsedBlocks(List<String> files, long skipLines, long seqBase, ReportOptions options, int threads) {
        this.files = files;
        int n = LineParser.orderDependent(options.read()) ? 1 : Math.max(1, threads);
        this.ahead = new Semaphore(n * AHEAD_PER_WORKER);
        this.ready = new AtomicReferenceArray<>(n * AHEAD_PER_WORKER);
        this.cursor = new Cursor(files, skipLines, seqBase, options.read().maxLineLength());
        this.emittedLinesInFile = skipLines;
        this.emittedSeq = seqBase;
        for (int i = 1; i <= n; i++) {
            BlockParser parser = new BlockParser(options.read());
            Thread t = new Thread(() -> work(parser), "pflogstream-parse-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    /** The next block in file order if it is parsed, else null. Throws what reading or parsing threw. */
    ParsedBatch poll() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        int slot = (int) (emitted % ready.length());
        Parsed p = ready.get(slot);
        if (p == null || p.number() != emitted) {
            return null;
        }
        ready.set(slot, null);
        emitted++;
        ahead.release();
        if (p.fileIndex() != emittedFile) {
            emittedFile = p.fileIndex();
            emittedLinesInFile = 0;
        }
        emittedLinesInFile += p.batch().lines();
        emittedSeq += p.batch().lines();
        return p.batch();
    }

    /** Every block was cut and emitted. */
    boolean exhausted() {
        return failure == null && blocksTotal == emitted;
    }

    /**
     * Completes when a block is parsed, reading or parsing failed, or all is emitted. The block may
     * be a later one than {@link #poll} needs; the caller then polls and waits again.
     */
    CompletableFuture<Void> nextReady() {
        CompletableFuture<Void> f = waiting;
        if (f == null || f.isDone()) {
            // one future until it completes: the caller may ask more than once and wait on the first
            f = new CompletableFuture<>();
            waiting = f;
        }
        // checked after publishing the future: a worker that finished in between sees it
        Parsed p = ready.get((int) (emitted % ready.length()));
        if ((p != null && p.number() == emitted) || failure != null || blocksTotal == emitted) {
            f.complete(null);
        }
        return f;
    }

    /** The files not yet fully emitted, as a split to resume from. */
    LogFileSource.FilesSplit remaining() {
        return new LogFileSource.FilesSplit(files.subList(emittedFile, files.size()), emittedLinesInFile, emittedSeq);
    }

    private void work(BlockParser parser) {
        try {
            while (!closed) {
                ahead.acquire();
                Cursor.Block block;
                synchronized (cursor) {
                    block = cursor.next();
                    if (block == null) {
                        blocksTotal = cursor.number;
                        wake();
                        return;
                    }
                }
                ParsedBatch batch =
                        parser.parse(files.get(block.fileIndex()), block.bytes(), block.length(), block.firstSeq());
                ReadProgress.block(batch.lines(), block.length());
                ready.set(
                        (int) (block.number() % ready.length()), new Parsed(block.number(), block.fileIndex(), batch));
                wake();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            wake();
        }
    }

    private void wake() {
        CompletableFuture<Void> f = waiting;
        if (f != null) {
            f.complete(null);
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        synchronized (cursor) {
            cursor.close();
        }
    }

    /** Where the input has been cut to: the open file, the bytes after its last cut, the counts. */
    private static final class Cursor {
        record Block(long number, int fileIndex, byte[] bytes, int length, long firstSeq) {}

        private final List<String> files;
        private int fileIndex = -1;
        private InputStream in;
        private long skipLines;
        private byte[] carry = new byte[0];
        private int carryLength;
        private long seq;
        private final int maxLineLength;
        long number;

        Cursor(List<String> files, long skipLines, long seqBase, int maxLineLength) {
            this.files = files;
            this.maxLineLength = maxLineLength;
            this.skipLines = skipLines;
            this.seq = seqBase;
        }

        /** The next block of whole lines (a file's last line may lack its newline), or null at the end. */
        Block next() {
            while (true) {
                if (in == null && !open()) {
                    return null;
                }
                String file = files.get(fileIndex);
                byte[] block = new byte[Math.max(BLOCK_BYTES, carryLength * 2)];
                System.arraycopy(carry, 0, block, 0, carryLength);
                int length = carryLength;
                boolean eof = false;
                try {
                    while (length < block.length) {
                        int n = in.read(block, length, block.length - length);
                        if (n < 0) {
                            eof = true;
                            break;
                        }
                        length += n;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("error reading " + file, e);
                }
                int cut = eof ? length : lastNewline(block, length) + 1;
                if (cut == 0 && !eof) {
                    if (length > maxLineLength) {
                        return overlongLine(file, block);
                    }
                    carry = block; // a line longer than the block: read on into a bigger one
                    carryLength = length;
                    continue;
                }
                carryLength = length - cut;
                if (carry.length < carryLength) {
                    carry = new byte[Math.max(BLOCK_BYTES, carryLength)];
                }
                System.arraycopy(block, cut, carry, 0, carryLength);
                if (eof) {
                    closeFile();
                }
                if (cut == 0) {
                    continue; // the file ended right after the last cut
                }
                int lines = Newlines.count(block, 0, cut) + (block[cut - 1] == '\n' ? 0 : 1);
                Block b = new Block(number++, fileIndex, block, cut, seq);
                seq += lines;
                return b;
            }
        }

        /**
         * A line longer than the limit, with no end in sight: a block of its first limit + 1 bytes
         * (the parser dead-letters it as too long), the rest of it skipped without being held, and
         * what follows its newline carried into the next block. Memory stays bounded by the limit.
         */
        private Block overlongLine(String file, byte[] block) {
            int keep = maxLineLength + 1;
            byte[] line = java.util.Arrays.copyOf(block, keep + 1);
            line[keep] = '\n';
            byte[] skipped = new byte[BLOCK_BYTES];
            carryLength = 0;
            try {
                while (true) {
                    int n = in.read(skipped);
                    if (n < 0) {
                        closeFile();
                        break;
                    }
                    int newline = Newlines.next(skipped, 0, n);
                    if (newline < n) {
                        carryLength = n - newline - 1;
                        if (carry.length < carryLength) {
                            carry = new byte[Math.max(BLOCK_BYTES, carryLength)];
                        }
                        System.arraycopy(skipped, newline + 1, carry, 0, carryLength);
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("error reading " + file, e);
            }
            Block b = new Block(number++, fileIndex, line, keep + 1, seq);
            seq++;
            return b;
        }

        /** Opens the next file; false when there is none. */
        private boolean open() {
            if (fileIndex + 1 >= files.size()) {
                return false;
            }
            fileIndex++;
            String file = files.get(fileIndex);
            try {
                in = LogFileSource.openStream(Path.of(file));
                for (; skipLines > 0; skipLines--) {
                    int c;
                    while ((c = in.read()) >= 0 && c != '\n') {
                        // a line of a restored split, emitted before
                    }
                    if (c < 0) {
                        skipLines = 0;
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            carryLength = 0;
            return true;
        }

        private void closeFile() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read to the end already
            }
            in = null;
        }

        void close() {
            if (in != null) {
                closeFile();
            }
            fileIndex = files.size();
        }

        private static int lastNewline(byte[] bytes, int length) {
            for (int i = length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
