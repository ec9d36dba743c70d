package io.pflogstream.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;

/**
 * A bounded source that reads log files one after another, in the order given, as one split, so
 * every line keeps its place ({@link RawLine#seq}). Order matters: pflogsumm's numbers depend on it.
 * Files ending in {@code .gz}, {@code .bz2} or {@code .xz} are decompressed. Bytes are read as ISO-8859-1, one char per byte,
 * so lengths and truncation match pflogsumm, which never decodes its input.
 */
public final class LogFileSource
        implements Source<RawLine, LogFileSource.FilesSplit, Collection<LogFileSource.FilesSplit>>,
                ResultTypeQueryable<RawLine> {

    private final List<String> files;

    public LogFileSource(List<String> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RawLine, FilesSplit> createReader(SourceReaderContext ctx) {
        return new IteratorSourceReader<>(ctx);
    }

    @Override
    public SplitEnumerator<FilesSplit, Collection<FilesSplit>> createEnumerator(
            SplitEnumeratorContext<FilesSplit> ctx) {
        // the iterator reader asks a split for its first line straight away: never hand out an empty one
        return new IteratorSourceEnumerator<>(ctx, new LineIterator(files, 0, 0).hasNext()
                ? List.of(new FilesSplit(files, 0, 0)) : List.of());
    }

    @Override
    public SplitEnumerator<FilesSplit, Collection<FilesSplit>> restoreEnumerator(
            SplitEnumeratorContext<FilesSplit> ctx, Collection<FilesSplit> checkpoint) {
        return new IteratorSourceEnumerator<>(ctx, checkpoint);
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
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }

    /** The files still to read, and how many lines of the first one were read already. */
    public static final class FilesSplit implements IteratorSourceSplit<RawLine, LineIterator> {
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

        @Override
        public LineIterator getIterator() {
            return new LineIterator(files, linesDone, seqBase);
        }

        @Override
        public IteratorSourceSplit<RawLine, LineIterator> getUpdatedSplitForIterator(LineIterator it) {
            return new FilesSplit(files.subList(it.fileIndex, files.size()), it.lineInFile, it.seq);
        }
    }

    /** Reads the files in turn; opening a file that cannot be read is an error for the whole job. */
    public static final class LineIterator implements Iterator<RawLine> {
        private final List<String> files;
        int fileIndex;
        long lineInFile;
        long seq;
        private BufferedReader reader;
        private String next;

        LineIterator(List<String> files, long skipLines, long seqBase) {
            this.files = files;
            this.seq = seqBase;
            if (!files.isEmpty()) {
                open(0);
                for (long i = 0; i < skipLines && readLine() != null; i++) {
                    lineInFile++;
                }
            }
            advance();
        }

        private void open(int index) {
            fileIndex = index;
            lineInFile = 0;
            try {
                reader = new BufferedReader(new InputStreamReader(openStream(Path.of(files.get(index))),
                        StandardCharsets.ISO_8859_1), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + files.get(index), e);
            }
        }

        private String readLine() {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("error reading " + files.get(fileIndex), e);
            }
        }

        private void advance() {
            next = null;
            while (reader != null) {
                next = readLine();
                if (next != null) {
                    return;
                }
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // nothing left to read from it
                }
                reader = null;
                if (fileIndex + 1 < files.size()) {
                    open(fileIndex + 1);
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public RawLine next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            RawLine line = new RawLine(files.get(fileIndex), seq++, next);
            lineInFile++;
            ReadProgress.line(next.length());
            advance();
            return line;
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
