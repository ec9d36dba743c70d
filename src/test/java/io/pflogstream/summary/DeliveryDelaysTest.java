package io.pflogstream.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pflogstream.summary.DeliveryDelays.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The delay sketches: accurate, the same in any order and split, and written whole in state. */
class DeliveryDelaysTest {
    private static final double[] QS = {0.0, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0};

    /** Delays as Postfix logs them: mostly fractions of a second, a tail of minutes, some zeros. */
    private static List<Double> delays(long seed, int n) {
        Random r = new Random(seed);
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = r.nextInt(10) == 0 ? 0 : Math.exp(r.nextGaussian() * 1.5 - 2);
            if (r.nextInt(50) == 0) {
                x = 60 + r.nextInt(3600 * 24); // a deferred message delivered at last
            }
            v.add(x < 10 ? Math.round(x * 100) / 100.0 : Math.round(x) * 1.0);
        }
        return v;
    }

    @Test
    void everyPercentileIsWithinOnePercentOfTheValueAtItsRank() {
        List<Double> values = delays(7, 20_000);
        DeliveryDelays d = new DeliveryDelays();
        values.forEach(v -> d.add(v, null));
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(d.count()).isEqualTo(values.size());
        for (double q : QS) {
            double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
            assertThat(d.quantile(Stage.TOTAL, q))
                    .as("q=%s", q)
                    .isCloseTo(exact, within(exact * DeliveryDelays.RELATIVE_ACCURACY + 1e-9));
        }
        assertThat(d.max(Stage.TOTAL)).isEqualTo(sorted[sorted.length - 1]);
        assertThat(d.quantile(Stage.TOTAL, 1.0)).isLessThanOrEqualTo(d.max(Stage.TOTAL));
    }

    @Test
    void anyOrderAndAnySplitGiveTheSameSketch() {
        List<Double> values = delays(11, 5_000);
        DeliveryDelays inOrder = new DeliveryDelays();
        values.forEach(v -> inOrder.add(v, v + "/0/0.01/" + v));
        List<Double> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, new Random(3));
        DeliveryDelays[] parts = {new DeliveryDelays(), new DeliveryDelays(), new DeliveryDelays()};
        for (int i = 0; i < shuffled.size(); i++) {
            double v = shuffled.get(i);
            parts[i % 3].add(v, v + "/0/0.01/" + v);
        }
        DeliveryDelays merged =
                new DeliveryDelays().merge(parts[2]).merge(parts[0]).merge(parts[1]);
        assertThat(merged).isEqualTo(inOrder);
        for (Stage s : Stage.values()) {
            for (double q : QS) {
                assertThat(merged.quantile(s, q)).isEqualTo(inOrder.quantile(s, q));
            }
        }
        assertThat(parts[0].count()).isEqualTo(1667); // merging left its parts as they were
    }

    @Test
    void theStagesAreReadFromDelaysAndAGarbledOneIsSkipped() {
        DeliveryDelays d = new DeliveryDelays();
        d.add(1.2, "0.1/0/0.5/0.6");
        d.add(3.0, "x/0.2/1/1.8");
        d.add(0.5, "0.3/0.1"); // cut short: what came first counts
        d.add(0.7, null); // Postfix before 2.3: no delays=
        assertThat(d.count()).isEqualTo(4);
        assertThat(d.count(Stage.BEFORE_QMGR)).isEqualTo(2);
        assertThat(d.count(Stage.IN_QMGR)).isEqualTo(3);
        assertThat(d.count(Stage.CONN_SETUP)).isEqualTo(2);
        assertThat(d.count(Stage.TRANSMISSION)).isEqualTo(2);
        assertThat(d.max(Stage.TRANSMISSION)).isEqualTo(1.8);
        assertThat(d.max(Stage.BEFORE_QMGR)).isEqualTo(0.3);
        assertThat(new DeliveryDelays().quantile(Stage.TOTAL, 0.5)).isNaN();
        assertThat(new DeliveryDelays().isEmpty()).isTrue();
    }

    @Test
    void theSerializerWritesEveryStageAndReadsItBack() throws Exception {
        DeliveryDelays d = new DeliveryDelays();
        for (double v : delays(5, 2_000)) {
            d.add(v, "0.01/0/0/" + v);
        }
        DeliveryDelays empty = new DeliveryDelays();
        DataOutputSerializer out = new DataOutputSerializer(256);
        DeliveryDelaysSerializer.INSTANCE.serialize(d, out);
        DeliveryDelaysSerializer.INSTANCE.serialize(empty, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        DeliveryDelays back = DeliveryDelaysSerializer.INSTANCE.deserialize(in);
        assertThat(back).isEqualTo(d);
        assertThat(back.count(Stage.TRANSMISSION)).isEqualTo(2_000);
        assertThat(DeliveryDelaysSerializer.INSTANCE.deserialize(in).isEmpty()).isTrue();
        assertThat(in.available()).isZero();
        // a copy is deep: adding to it leaves the original alone
        DeliveryDelays copy = DeliveryDelaysSerializer.INSTANCE.copy(d);
        copy.add(99, null);
        assertThat(d.count()).isEqualTo(2_000);
        assertThat(Arrays.asList(copy.count(), d.count())).containsExactly(2_001L, 2_000L);
    }
}
