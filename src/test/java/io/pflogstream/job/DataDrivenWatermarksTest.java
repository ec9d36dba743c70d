package io.pflogstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.parse.RawLine;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class DataDrivenWatermarksTest {
    private static final long MINUTE = 60_000L;
    private static final long BOUND = 5 * MINUTE;

    private final List<Long> watermarks = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };
    private final StreamJob.DataDrivenWatermarks generator = new StreamJob.DataDrivenWatermarks(BOUND);

    private long last() {
        return watermarks.get(watermarks.size() - 1);
    }

    private void line(long time) {
        generator.onEvent(new RawLine("t/0", 0, "line"), time, output);
    }

    @Test
    void aLoneLineWithAStampDaysAheadDoesNotMakeTheLinesAfterItLate() {
        long t = 1_000_000_000_000L;
        for (int i = 0; i < 100; i++) {
            line(t + i * 1000);
        }
        assertThat(last()).isEqualTo(t + 99_000 - BOUND - 1);
        line(t + 3 * 86_400_000L); // a corrupted day
        for (int i = 100; i < 105; i++) {
            line(t + i * 1000);
        }
        for (int i = 0; i < StreamJob.DataDrivenWatermarks.CONFIRMATIONS - 1; i++) {
            line(t + 9 * 86_400_000L + i); // several wrong stamps in a row, but not enough
        }
        line(t + 200_000);
        assertThat(last()).isEqualTo(t + 200_000 - BOUND - 1);
    }

    @Test
    void theClockMovesOnWhenTheLogResumesAfterAQuietSpell() {
        long t = 1_000_000_000_000L;
        line(t);
        long resumed = t + 3 * 3_600_000L;
        for (int i = 0; i < StreamJob.DataDrivenWatermarks.CONFIRMATIONS; i++) {
            assertThat(last()).isEqualTo(t - BOUND - 1);
            line(resumed + i * 1000);
        }
        assertThat(last()).isEqualTo(resumed - BOUND - 1); // the earliest of the lines that confirmed it
        line(resumed + 60_000);
        assertThat(last()).isEqualTo(resumed + 60_000 - BOUND - 1);
    }

    @Test
    void linesWithoutAStampNeverMoveTheClock() {
        line(Long.MIN_VALUE);
        assertThat(watermarks).isEmpty();
        line(5_000_000L);
        assertThat(last()).isEqualTo(5_000_000L - BOUND - 1);
    }
}
