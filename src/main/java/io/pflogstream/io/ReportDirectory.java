package io.pflogstream.io;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pflogstream.alert.Alert;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.report.FleetOverview;
import io.pflogstream.report.HtmlReport;
import io.pflogstream.report.PflogsummReport;
import io.pflogstream.summary.HostSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.types.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream job's {@code --report-dir}: each closed day's report of a host or the fleet as
 * DIR/&lt;host&gt;/&lt;YYYY-MM-DD&gt;.txt (pflogsumm's) and .html (the host's folder named by
 * {@link FleetOverview#folderOf}, so no host name from a log reaches outside DIR), and DIR/index.html, the
 * {@link FleetOverview} of the newest days with their incidents. Every file is written whole and
 * renamed into place, so a reader never sees half of one, and a replay after a restart writes the
 * same files again.
 *
 * <p>Run with parallelism 1: days close a few times a day per host, and one writer keeps the
 * overview whole. Its data lives in DIR/index.json, read back when the writer starts, so a restart
 * (or a new job on the same folder) carries the page on; the page is rewritten at each checkpoint
 * and at the end of the input, not for every day.
 */
public class ReportDirectory implements Sink<Either<HostSummary, Alert>> {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDirectory.class);
    static final String INDEX_DATA = "index.json";

    private final String dir;
    private final ReportOptions options;

    public ReportDirectory(String dir, ReportOptions options) {
        this.dir = dir;
        this.options = options;
    }

    @Override
    public SinkWriter<Either<HostSummary, Alert>> createWriter(WriterInitContext context) {
        return new Writer(Path.of(dir), options);
    }

    /** The overview's data as index.json keeps it. */
    record IndexData(Map<String, Map<String, FleetOverview.Day>> days, List<FleetOverview.Incident> incidents) {}

    static final class Writer implements SinkWriter<Either<HostSummary, Alert>> {
        private final Path dir;
        private final ReportOptions options;
        /** host → date → its day. */
        private final Map<String, Map<String, FleetOverview.Day>> days = new TreeMap<>();
        /** incident id → as it stood last. */
        private final Map<String, FleetOverview.Incident> incidents = new LinkedHashMap<>();

        private boolean changed;

        Writer(Path dir, ReportOptions options) {
            this.dir = dir;
            this.options = options;
            load();
        }

        private void load() {
            Path data = dir.resolve(INDEX_DATA);
            if (!Files.exists(data)) {
                return;
            }
            try {
                IndexData read = Json.mapper().readValue(data.toFile(), new TypeReference<IndexData>() {});
                read.days().forEach((host, d) -> days.put(host, new TreeMap<>(d)));
                read.incidents().forEach(i -> incidents.put(i.id(), i));
            } catch (IOException | RuntimeException e) {
                // the day reports are whole; only the overview starts over, from the days that come
                LOG.warn("{} cannot be read ({}): the overview starts from the next days", data, e.getMessage());
            }
        }

        @Override
        public void write(Either<HostSummary, Alert> element, Context context) {
            if (element.isLeft()) {
                day(element.left());
            } else {
                incident(element.right());
            }
        }

        private void day(HostSummary h) {
            String date = SummaryJson.wallClock(h.start()).substring(0, 10);
            FleetOverview.Day known = days.getOrDefault(h.host(), Map.of()).get(date);
            if (known != null && known.revision() > h.revision()) {
                return; // a replay of an older revision after a restart: the newer stays
            }
            Path folder = dir.resolve(FleetOverview.folderOf(h.host()));
            writeWhole(
                    folder.resolve(date + ".txt"),
                    PflogsummReport.formatDay(h.summary(), options),
                    StandardCharsets.ISO_8859_1);
            writeWhole(
                    folder.resolve(date + ".html"),
                    // not pflogsumm's: it may show the delay percentiles the job keeps
                    HtmlReport.format(
                            h.summary(),
                            options.printingKeptDelays(),
                            "Postfix log summary: " + h.host() + ", " + date),
                    StandardCharsets.UTF_8);
            days.computeIfAbsent(h.host(), k -> new TreeMap<>()).put(date, FleetOverview.Day.of(h));
            changed = true;
        }

        private void incident(Alert a) {
            FleetOverview.Incident i = new FleetOverview.Incident(
                    a.rule,
                    a.key,
                    a.status,
                    SummaryJson.wallClock(a.start),
                    a.end > 0 ? SummaryJson.wallClock(a.end) : null,
                    List.copyOf(a.hosts),
                    a.count,
                    a.revision);
            FleetOverview.Incident known = incidents.get(i.id());
            if (known == null || known.revision() <= i.revision()) {
                incidents.put(i.id(), i);
                changed = true;
            }
        }

        /** At a checkpoint and at the end of the input: the overview as of everything written. */
        @Override
        public void flush(boolean endOfInput) {
            if (!changed) {
                return;
            }
            forgetOldDays();
            try {
                Files.createDirectories(dir);
                writeWhole(
                        dir.resolve(INDEX_DATA),
                        Json.mapper().writeValueAsString(new IndexData(days, new ArrayList<>(incidents.values()))),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir.resolve(INDEX_DATA), e);
            }
            writeWhole(
                    dir.resolve("index.html"),
                    FleetOverview.html(days, List.copyOf(incidents.values())),
                    StandardCharsets.UTF_8);
            changed = false;
        }

        /** Only the days the page shows are kept (their report files stay). */
        private void forgetOldDays() {
            TreeSet<String> dates = new TreeSet<>(Comparator.reverseOrder());
            days.values().forEach(d -> dates.addAll(d.keySet()));
            if (dates.size() <= FleetOverview.DAYS_SHOWN) {
                return;
            }
            String oldest = new ArrayList<>(dates).get(FleetOverview.DAYS_SHOWN - 1);
            days.values().forEach(d -> d.keySet().removeIf(date -> date.compareTo(oldest) < 0));
            days.values().removeIf(Map::isEmpty);
            incidents
                    .values()
                    .removeIf(i -> i.end() != null && i.start().substring(0, 10).compareTo(oldest) < 0);
        }

        @Override
        public void close() {}

        private static void writeWhole(Path target, String text, Charset charset) {
            try {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                Files.writeString(tmp, text, charset);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }
    }
}
