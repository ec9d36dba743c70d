package io.pflogstream.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RemovedMessagesTest {
    private record Remembered(long size, boolean deferred) {}

    /** Random puts and takes against a HashMap: short hex IDs, long IDs, lower case, many hosts, huge sizes. */
    @Test
    void behavesLikeAMapOfWhatWasRemembered() {
        SplittableRandom random = new SplittableRandom(42);
        RemovedMessages packed = new RemovedMessages();
        Map<String, Remembered> expected = new HashMap<>();
        List<String[]> known = new ArrayList<>();
        for (int i = 0; i < 400_000; i++) {
            String[] id = random.nextInt(3) == 0 && !known.isEmpty()
                    ? known.get(random.nextInt(known.size()))
                    : newId(random);
            String key = id[0] + ' ' + id[1];
            if (random.nextInt(100) < 55) {
                long size = random.nextInt(20) == 0 ? random.nextLong(1L << 40) : random.nextInt(1 << 20);
                boolean deferred = random.nextBoolean();
                packed.put(id[0], id[1], size, deferred);
                expected.put(key, new Remembered(size, deferred));
                known.add(id);
            } else {
                MessageState s = packed.take(id[0], id[1]);
                Remembered r = expected.remove(key);
                if (r == null) {
                    assertThat(s).as(key).isNull();
                } else {
                    assertThat(s).as(key).isNotNull();
                    assertThat(s.getSize()).as(key).isEqualTo(r.size());
                    assertThat(s.isDeferralCounted()).as(key).isEqualTo(r.deferred());
                }
            }
            if (i % 50_000 == 0) {
                assertThat(packed.size()).isEqualTo(expected.size());
            }
        }
        assertThat(packed.size()).isEqualTo(expected.size());
    }

    private static String[] newId(SplittableRandom random) {
        String host = random.nextInt(50) == 0 ? "h" + random.nextInt(400) : "mail" + random.nextInt(3);
        String id = switch (random.nextInt(10)) {
            case 0 ->
                "4" + Long.toString(random.nextLong(Long.MAX_VALUE), 36) + "z" + random.nextInt(99); // long queue ID
            case 1 -> Long.toHexString(random.nextLong(1L << 44)); // lower case
            case 2 -> "0" + Long.toHexString(random.nextLong(1L << 16)).toUpperCase(); // leading zero
            default -> Long.toHexString(random.nextLong(1L << 44)).toUpperCase();
        };
        return new String[] {host, id};
    }
}
