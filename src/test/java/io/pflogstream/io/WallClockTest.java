package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The records' timestamps, written by hand, are what the pattern yyyy-MM-dd'T'HH:mm:ss writes. */
class WallClockTest {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private static String byPattern(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC)
                .format(PATTERN);
    }

    @Test
    void everyInstantReadsAsThePatternWritesIt() {
        SplittableRandom r = new SplittableRandom(5);
        long[] edges = {
            0,
            -1,
            999,
            1000,
            -1000,
            -1001,
            86_399_999,
            86_400_000,
            951_782_400_000L /* 2000-02-29 */,
            253_402_300_799_999L /* 9999-12-31T23:59:59.999 */,
            253_402_300_800_000L /* year 10000 */,
            -30_610_224_000_000L /* 1000-01-01 */,
            -30_610_224_000_001L /* 999-12-31 */,
            -62_167_219_200_000L /* year 0 */,
            Long.MIN_VALUE / 1000,
            4_102_444_800_000L
        };
        for (long t : edges) {
            assertThat(SummaryJson.wallClock(t)).as("%d", t).isEqualTo(byPattern(t));
        }
        for (int i = 0; i < 200_000; i++) {
            long t = i % 2 == 0
                    ? r.nextLong(0, 4_102_444_800_000L)
                    : r.nextLong(-70_000_000_000_000L, 300_000_000_000_000L);
            assertThat(SummaryJson.wallClock(t)).as("%d", t).isEqualTo(byPattern(t));
        }
    }
}
