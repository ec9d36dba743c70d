package io.pflogstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pflogstream.config.PipelineOptions;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The stream job runs the pipeline its own way, keeps what the caller asked for, refuses what it would replace. */
class StreamPipelineTest {
    private static final StreamOptions STREAM = StreamOptions.defaults("k:9092");

    @Test
    void theStreamJobKeepsTheCallersMemorySettingsAndSetsItsOwnEventTime() {
        PipelineOptions asked = ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .messageTtl(Duration.ofDays(2))
                .forgetRemovedMessages(true)
                .lateRevisionDelay(Duration.ofSeconds(9))
                .build()
                .pipeline();
        PipelineOptions run = StreamJob.streaming(STREAM, asked);
        assertThat(run.messageTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(run.forgetRemovedMessages()).isTrue();
        assertThat(run.lateRevisionDelay()).isEqualTo(Duration.ofSeconds(9));
        assertThat(run.maxOutOfOrderness()).isEqualTo(STREAM.maxOutOfOrderness());
        assertThat(run.allowedLateness()).isEqualTo(STREAM.allowedLateness());
        assertThat(run.sourceAssignsEventTime()
                        && run.reorderByEventTime()
                        && run.lifecycleRecords()
                        && run.daysStandAlone())
                .isTrue();
    }

    @Test
    void aLatenessOrBoundThatDiffersFromTheStreamOptionsIsRefusedNotReplaced() {
        PipelineOptions lateness = ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .allowedLateness(Duration.ofMinutes(7))
                .build()
                .pipeline();
        assertThatThrownBy(() -> StreamJob.streaming(STREAM, lateness)).hasMessageContaining("allowed lateness");
        PipelineOptions bound = ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .maxOutOfOrderness(Duration.ofSeconds(1))
                .build()
                .pipeline();
        assertThatThrownBy(() -> StreamJob.streaming(STREAM, bound)).hasMessageContaining("out-of-orderness");
    }
}
