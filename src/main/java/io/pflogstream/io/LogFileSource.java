package io.pflogstream.io;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.parse.ParsedBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source that reads log files one after another, in the order given, as one split, so
 * every line keeps its place (line numbers count from 0 across the files). Order matters:
 * pflogsumm's numbers depend on it. It emits the lines parsed, a block at a time
 * ({@link ParsedBlocks}: parsed by worker threads, handed over in order), because the report's only
 * other way to use a second core would be to hand every line to another task, and that
 * serialization cost more than the parsing. Files ending in {@code .gz}, {@code .bz2} or
 * {@code .xz} are decompressed. Bytes are read as ISO-8859-1, one char per byte, so lengths and
 * truncation match pflogsumm, which never decodes its input.
 */
public final class LogFileSource
        implements Source<ParsedBatch, LogFileSource.FilesSplit, Collection<LogFileSource.FilesSplit>>,
                ResultTypeQueryable<ParsedBatch> {

    private final List<String> files;
    private final ReportOptions options;
    private final int parseThreads;

    /** @param parseThreads threads that parse blocks (one if the parser is order-dependent) */
    public LogFileSource(List<String> files, ReportOptions options, int parseThreads) {
        this.files = List.copyOf(files);
        this.options = options;
        this.parseThreads = parseThreads;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ParsedBatch, FilesSplit> createReader(SourceReaderContext ctx) {
        return new BlockReader(ctx, options, parseThreads);
    }

    @Override
    public SplitEnumerator<FilesSplit, Collection<FilesSplit>> createEnumerator(
            SplitEnumeratorContext<FilesSplit> ctx) {
        return new OneSplitEnumerator(ctx, List.of(new FilesSplit(files, 0, 0)));
    }

    @Override
    public SplitEnumerator<FilesSplit, Collection<FilesSplit>> restoreEnumerator(
            SplitEnumeratorContext<FilesSplit> ctx, Collection<FilesSplit> checkpoint) {
        return new OneSplitEnumerator(ctx, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<FilesSplit> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<FilesSplit>> getEnumeratorCheckpointSerializer() {
        return new CheckpointSerializer();
    }

    @Override
    public TypeInformation<ParsedBatch> getProducedType() {
        // chained to its only consumer with object reuse: never serialized
        return TypeInformation.of(ParsedBatch.class);
    }

    /** The files still to read, how many lines of the first one were read already, and the next line number. */
    public static final class FilesSplit implements SourceSplit {
        final List<String> files;
        final long linesDone;
        final long seqBase;

        FilesSplit(List<String> files, long linesDone, long seqBase) {
            this.files = files;
            this.linesDone = linesDone;
            this.seqBase = seqBase;
        }

        @Override
        public String splitId() {
            return "files";
        }
    }

    /** Hands the one split to the reader that asks (the source runs with parallelism 1). */
    static final class OneSplitEnumerator implements SplitEnumerator<FilesSplit, Collection<FilesSplit>> {
        private final SplitEnumeratorContext<FilesSplit> ctx;
        private final ArrayDeque<FilesSplit> remaining;

        OneSplitEnumerator(SplitEnumeratorContext<FilesSplit> ctx, Collection<FilesSplit> splits) {
            this.ctx = ctx;
            this.remaining = new ArrayDeque<>(splits);
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtask, String requesterHostname) {
            FilesSplit split = remaining.poll();
            if (split != null) {
                ctx.assignSplit(split, subtask);
            } else {
                ctx.signalNoMoreSplits(subtask);
            }
        }

        @Override
        public void addSplitsBack(List<FilesSplit> splits, int subtask) {
            remaining.addAll(splits);
        }

        @Override
        public void addReader(int subtask) {}

        @Override
        public Collection<FilesSplit> snapshotState(long checkpointId) {
            return new ArrayList<>(remaining);
        }

        @Override
        public void close() {}
    }

    /** Emits a split's parsed blocks in order; never blocks the task thread (see {@link ParsedBlocks}). */
    static final class BlockReader implements SourceReader<ParsedBatch, FilesSplit> {
        private final SourceReaderContext ctx;
        private final ReportOptions options;
        private final int parseThreads;
        private final ArrayDeque<FilesSplit> splits = new ArrayDeque<>();
        private boolean noMoreSplits;
        private ParsedBlocks blocks;
        private CompletableFuture<Void> splitsChanged = new CompletableFuture<>();

        BlockReader(SourceReaderContext ctx, ReportOptions options, int parseThreads) {
            this.ctx = ctx;
            this.options = options;
            this.parseThreads = parseThreads;
        }

        @Override
        public void start() {
            ctx.sendSplitRequest();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<ParsedBatch> output) {
            if (blocks == null) {
                FilesSplit split = splits.poll();
                if (split == null) {
                    return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
                }
                blocks = new ParsedBlocks(split.files, split.linesDone, split.seqBase, options, parseThreads);
            }
            ParsedBatch batch = blocks.poll();
            if (batch != null) {
                output.collect(batch);
                return InputStatus.MORE_AVAILABLE;
            }
            if (blocks.exhausted()) {
                blocks.close();
                blocks = null;
                ctx.sendSplitRequest();
                return InputStatus.MORE_AVAILABLE;
            }
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (blocks != null) {
                return blocks.nextReady();
            }
            if (!splits.isEmpty() || noMoreSplits) {
                return CompletableFuture.completedFuture(null);
            }
            if (splitsChanged.isDone()) {
                splitsChanged = new CompletableFuture<>();
            }
            return splitsChanged;
        }

        @Override
        public void addSplits(List<FilesSplit> added) {
            splits.addAll(added);
            splitsChanged.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
            splitsChanged.complete(null);
        }

        @Override
        public List<FilesSplit> snapshotState(long checkpointId) {
            List<FilesSplit> state = new ArrayList<>();
            if (blocks != null) {
                state.add(blocks.remaining());
            }
            state.addAll(splits);
            return state;
        }

        @Override
        public void close() {
            if (blocks != null) {
                blocks.close();
            }
        }
    }

    /** The file's bytes, decompressed by its ending: .gz, .bz2 or .xz (logrotate's compressors). */
    public static InputStream openStream(Path path) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16);
        String name = path.getFileName().toString();
        if (name.endsWith(".gz")) {
            return new GZIPInputStream(in, 1 << 16);
        } else if (name.endsWith(".bz2")) {
            return new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(in, true);
        } else if (name.endsWith(".xz")) {
            return new org.apache.commons.compress.compressors.xz.XZCompressorInputStream(in, true);
        }
        return in;
    }

    static final class SplitSerializer implements SimpleVersionedSerializer<FilesSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(FilesSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            write(out, split);
            out.flush();
            return bytes.toByteArray();
        }

        static void write(DataOutputStream out, FilesSplit split) throws IOException {
            out.writeInt(split.files.size());
            for (String f : split.files) {
                out.writeUTF(f);
            }
            out.writeLong(split.linesDone);
            out.writeLong(split.seqBase);
        }

        static FilesSplit read(DataInputStream in) throws IOException {
            int n = in.readInt();
            List<String> files = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                files.add(in.readUTF());
            }
            return new FilesSplit(files, in.readLong(), in.readLong());
        }

        @Override
        public FilesSplit deserialize(int version, byte[] serialized) throws IOException {
            return read(new DataInputStream(new ByteArrayInputStream(serialized)));
        }
    }

    static final class CheckpointSerializer implements SimpleVersionedSerializer<Collection<FilesSplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Collection<FilesSplit> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(splits.size());
            for (FilesSplit s : splits) {
                SplitSerializer.write(out, s);
            }
            out.flush();
            return bytes.toByteArray();
        }

        @Override
        public Collection<FilesSplit> deserialize(int version, byte[] serialized) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
            int n = in.readInt();
            List<FilesSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(SplitSerializer.read(in));
            }
            return splits;
        }
    }
}
