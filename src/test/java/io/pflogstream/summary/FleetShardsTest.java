package io.pflogstream.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.cli.ReportArguments;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.io.SummaryJson;
import io.pflogstream.report.PflogsummReport;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet roll-ups cut every host's part into slices by row key and merge the shards only when a
 * fleet window is published: the slices of a real summary add back up to it, table for table, and
 * the sharded roll-up publishes what one unsharded merge of the same parts would, revisions
 * included, then forgets everything.
 */
class FleetShardsTest {
    private static final long HOUR = HostSummary.HOUR;
    private static final long T0 = 1_795_000_000_000L / HostSummary.DAY * HostSummary.DAY;
    private static final long LATENESS = HOUR;
    private static final long DELAY = 5_000;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    @TempDir
    static Path dir;

    private static ReportOptions options;
    private static Summary whole;

    /** A real summary with every table filled: a generated log of three hosts through the report. */
    @BeforeAll
    static void summarize() throws Exception {
        Path log = dir.resolve("fleet.log");
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            new LogGenerator(new LogGenerator.Spec(7, 3, 2, 1500, LocalDate.of(2026, 11, 20), false, false), w).run();
        }
        options = ReportArguments.parse(
                        new String[] {"--smtpd-stats", "-e", "--verbose-msg-detail"}, LocalDate.of(2026, 11, 27))
                .options;
        whole = ReportHarness.run(List.of(log), options).summary();
        assertThat(whole.senders).hasSizeGreaterThan(50);
        assertThat(whole.deferralDetail).isNotEmpty();
        assertThat(whole.smtpdPerDomain).isNotEmpty();
    }

    @Test
    void theSlicesOfASummaryAddUpToItAndEachRowLivesInOneSlice() {
        for (int shards : new int[] {1, 3, 8}) {
            List<Summary> slices = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                slices.add(whole.slice(i, shards));
            }
            Summary merged = new Summary();
            slices.forEach(merged::merge);
            assertThat(json(merged)).as("%d shards", shards).isEqualTo(json(whole));
            assertThat(PflogsummReport.format(merged, options)).isEqualTo(PflogsummReport.format(whole, options));
            assertThat(slices.stream().mapToInt(s -> s.senders.size()).sum()).isEqualTo(whole.senders.size());
            assertThat(slices.stream().mapToInt(s -> s.recipients.size()).sum()).isEqualTo(whole.recipients.size());
            assertThat(slices.stream().mapToInt(s -> s.messageDetail.size()).sum())
                    .isEqualTo(whole.messageDetail.size());
            for (int i = 1; i < shards; i++) {
                assertThat(slices.get(i).received).isZero();
                assertThat(slices.get(i).perHour).containsOnly(0L);
            }
            if (shards == 8) { // rows really spread: no slice holds most of a table
                assertThat(slices)
                        .allSatisfy(s -> assertThat(s.recipients.size()).isLessThan(whole.recipients.size() / 3));
            }
        }
    }

    @Test
    void theShardedFleetHourPublishesTheUnshardedMergeAndThenForgets() throws Exception {
        int shards = 4;
        var slicer = FleetShards.split(shards);
        var shardRollUp = harness(FleetShards.shardKey(HOUR));
        var merge = harness(RollUpFunction.targetKey(HOUR, true));

        // two hosts' hours: host b's is the whole real summary, host a's a small one revised later
        Summary a1 = whole.slice(1, 5);
        Summary a2 = whole.slice(2, 5);
        List<HostSummary> parts =
                List.of(new HostSummary("a", T0, T0 + HOUR, 1, a1), new HostSummary("b", T0, T0 + HOUR, 1, whole));
        for (HostSummary part : parts) {
            for (HostSummary slice : slices(slicer, part)) {
                shardRollUp.processElement(slice, T0 + HOUR - 1);
            }
        }
        assertThat(shardRollUp.numKeyedStateEntries())
                .as("one row of parts per shard and host")
                .isPositive();
        shardRollUp.processWatermark(T0 + HOUR - 1);
        List<HostSummary> shardOutputs = shardRollUp.extractOutputValues();
        assertThat(shardOutputs)
                .hasSize(shards)
                .allSatisfy(s -> assertThat(s.host()).startsWith("fleet#"));
        for (HostSummary s : shardOutputs) {
            merge.processElement(s, T0 + HOUR - 1);
        }
        merge.processWatermark(T0 + HOUR - 1);
        assertThat(merge.extractOutputValues()).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo(HostSummary.FLEET);
            assertThat(f.revision()).isEqualTo(1);
            assertThat(json(f.summary())).isEqualTo(json(new Summary().merge(a1).merge(whole)));
        });

        // host a's hour revised within the lateness: a second revision with a2 instead of a1
        shardRollUp.getOutput().clear();
        for (HostSummary slice : slices(slicer, new HostSummary("a", T0, T0 + HOUR, 2, a2))) {
            shardRollUp.processElement(slice, T0 + HOUR - 1);
        }
        shardRollUp.setProcessingTime(DELAY);
        List<HostSummary> revised = shardRollUp.extractOutputValues();
        assertThat(revised)
                .hasSize(shards)
                .allSatisfy(s -> assertThat(s.revision()).isEqualTo(2));
        merge.getOutput().clear();
        for (HostSummary s : revised) {
            merge.processElement(s, T0 + HOUR - 1);
        }
        merge.setProcessingTime(DELAY);
        assertThat(merge.extractOutputValues()).singleElement().satisfies(f -> {
            assertThat(f.revision()).isEqualTo(2);
            assertThat(json(f.summary())).isEqualTo(json(new Summary().merge(a2).merge(whole)));
        });

        // the lateness over: nothing is left in either stage
        shardRollUp.processWatermark(T0 + HOUR + LATENESS);
        merge.processWatermark(T0 + HOUR + LATENESS);
        for (var h : List.of(shardRollUp, merge)) {
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
            h.close();
        }
    }

    /**
     * Each shard cuts its tables to the top rows before the merge, the merge cuts again: the same
     * rows and exact distinct counts as cutting the whole table, whatever the number of shards.
     * Printed, the cut summary is pflogsumm's report with {@code -h N -u N} of the whole.
     */
    @Test
    void cuttingEachShardBeforeTheMergeIsCuttingTheWhole() throws Exception {
        for (int rows : new int[] {3, 20}) {
            Summary cutWhole = copy(whole).keepTop(rows);
            assertThat(cutWhole.senders.size()).isLessThanOrEqualTo(2 * rows);
            assertThat(cutWhole.omittedRows).containsKeys("senders", "recipients");
            for (int shards : new int[] {1, 3, 8}) {
                Summary merged = new Summary();
                for (int i = 0; i < shards; i++) {
                    merged.merge(copy(whole.slice(i, shards)).keepTop(rows));
                }
                merged.keepTop(rows);
                assertThat(json(merged)).as("%d rows, %d shards", rows, shards).isEqualTo(json(cutWhole));
            }
            // the distinct counts stay those of the whole
            assertThat(cutWhole.senderCount()).isEqualTo(whole.senders.size());
            assertThat(cutWhole.recipientCount()).isEqualTo(whole.recipients.size());
            assertThat(cutWhole.sendingDomainCount()).isEqualTo(whole.sendingDomains.size());
            assertThat(cutWhole.deliveringDomainCount()).isEqualTo(whole.deliveringDomainCount());
            assertThat(cutWhole.smtpdDomainCount()).isEqualTo(whole.smtpdPerDomain.size());
            // a detail table's cut rows are one row, so its sum stays whole
            assertThat(cutWhole.deferralDetail.values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(whole.deferralDetail.values().stream()
                            .mapToLong(Long::longValue)
                            .sum());

            String[] noDetail = {
                "--smtpd-stats",
                "--bounce-detail",
                "0",
                "--deferral-detail",
                "0",
                "--reject-detail",
                "0",
                "--smtp-detail",
                "0",
                "--smtpd-warning-detail",
                "0",
                "--no-no-msg-size"
            };
            ReportOptions plain = ReportArguments.parse(noDetail, LocalDate.of(2026, 11, 27)).options;
            String[] limited = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(noDetail),
                            java.util.stream.Stream.of("-h", "" + rows, "-u", "" + rows))
                    .toArray(String[]::new);
            ReportOptions topN = ReportArguments.parse(limited, LocalDate.of(2026, 11, 27)).options;
            assertThat(PflogsummReport.format(cutWhole, plain))
                    .contains("top " + rows + " Senders by message count")
                    .isEqualTo(PflogsummReport.format(whole, topN));
        }
    }

    @Test
    void aSummaryTooLargeForARecordIsCutUntilItFits() throws Exception {
        HostSummary day = new HostSummary(HostSummary.FLEET, T0, T0 + HostSummary.DAY, 1, whole);
        byte[] full = SummaryJson.toBytes(day);
        int limit = full.length / 4;
        var recordLimit = new io.pflogstream.io.RecordLimit(limit, 0);
        byte[] fitted = SummaryJson.toBytesWithin(day, recordLimit);
        assertThat(fitted.length).isLessThanOrEqualTo(limit);
        var tree = io.pflogstream.io.Json.mapper().readTree(fitted);
        var wholeTree = io.pflogstream.io.Json.mapper().readTree(full);
        assertThat(tree.get("totals")).isEqualTo(wholeTree.get("totals"));
        assertThat(tree.get("cut").get("omittedRows").get("recipients").asLong())
                .isPositive();
        assertThat(whole.isCut()).as("the published summary is left whole").isFalse();
        assertThat(SummaryJson.toBytesWithin(day, new io.pflogstream.io.RecordLimit(full.length, 0)))
                .isEqualTo(full);

        // the stream job's report options: no -e message detail (not cut: the stream job has none)
        ReportOptions streamed =
                ReportArguments.parse(new String[] {"--smtpd-stats"}, LocalDate.of(2026, 11, 27)).options;
        var report = io.pflogstream.io.DayReport.of(day, streamed, recordLimit);
        assertThat(report.text()).isEqualTo(PflogsummReport.formatDay(whole, streamed));
        assertThat(report.text().length()).isGreaterThan(limit);
        assertThat(report.topicText().length()).isLessThanOrEqualTo(limit);
        assertThat(report.topicText()).contains(" Senders by message count").contains("top ");
        String grandTotals = report.text().substring(0, report.text().indexOf("Per-Hour"));
        assertThat(report.topicText()).startsWith(grandTotals);
    }

    private static Summary copy(Summary s) {
        return new Summary().merge(s);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, HostSummary, HostSummary> harness(
            org.apache.flink.api.java.functions.KeySelector<HostSummary, String> key) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RollUpFunction(HOUR, LATENESS, DELAY)), key, Types.STRING);
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    private static List<HostSummary> slices(
            org.apache.flink.api.common.functions.FlatMapFunction<HostSummary, HostSummary> slicer, HostSummary part)
            throws Exception {
        List<HostSummary> out = new ArrayList<>();
        slicer.flatMap(part, new ListCollector<>(out));
        return out;
    }

    private static String json(Summary s) {
        return SummaryJson.toJson(new HostSummary("x", T0, T0 + HOUR, 1, s)).toString();
    }
}
