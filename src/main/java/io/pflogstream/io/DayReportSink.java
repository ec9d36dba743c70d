package io.pflogstream.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each day report to DIR/&lt;host|fleet&gt;/&lt;YYYY-MM-DD&gt;.txt. A file is written whole
 * and renamed into place, so a reader never sees half a report, and a revision or a replay after
 * a restart replaces it: writing twice gives the same file.
 */
public class DayReportSink implements Sink<DayReport> {
    private final String dir;

    public DayReportSink(String dir) {
        this.dir = dir;
    }

    @Override
    public SinkWriter<DayReport> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(DayReport report, Context ctx) {
                Path target = Path.of(dir, report.host(), report.date() + ".txt");
                try {
                    Files.createDirectories(target.getParent());
                    Path tmp = Files.createTempFile(target.getParent(), "." + report.date(), ".tmp");
                    Files.writeString(tmp, report.text(), StandardCharsets.ISO_8859_1);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + target, e);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
