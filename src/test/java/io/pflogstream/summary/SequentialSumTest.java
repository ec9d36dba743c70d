package io.pflogstream.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialSumTest {
    /** Delays as Postfix logs them: hundredths below 10 s, tenths below 100 s, whole seconds above. */
    private static double[] delays(int n) {
        SplittableRandom r = new SplittableRandom(9);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double v = r.nextDouble() * 200;
            d[i] = v < 10 ? Math.round(v * 100) / 100.0 : v < 100 ? Math.round(v * 10) / 10.0 : Math.round(v);
        }
        return d;
    }

    private static double lineByLine(double[] d) {
        double sum = 0;
        for (double v : d) {
            sum += v;
        }
        return sum;
    }

    @Test
    void valuesSplitOverPartsAndMergedInAnyOrderSumInLineOrder() {
        double[] d = delays(10_000);
        SequentialSum a = new SequentialSum();
        SequentialSum b = new SequentialSum();
        for (int i = 0; i < d.length; i++) {
            (i % 3 == 0 ? a : b).add(i, d[i]);
        }
        SequentialSum merged = new SequentialSum();
        merged.addAll(b);
        merged.addAll(a);
        assertThat(merged.total()).isEqualTo(lineByLine(d));
    }

    @Test
    void inOrderValuesAreAddedAsTheyComeAndNotKept() {
        double[] d = delays(10_000);
        SequentialSum s = new SequentialSum();
        for (int i = 0; i < d.length; i++) {
            s.addInOrder(i, d[i]);
        }
        assertThat(s.size()).isZero();
        assertThat(s.total()).isEqualTo(lineByLine(d));
        SequentialSum copy = new SequentialSum();
        copy.addAll(s);
        assertThat(copy.total()).isEqualTo(lineByLine(d));
    }

    @Test
    void aValueOutOfOrderIsStillCounted() {
        SequentialSum s = new SequentialSum();
        s.addInOrder(5, 1.5);
        s.addInOrder(3, 2.25);
        s.addInOrder(9, 0.25);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.total()).isEqualTo(4.0);
    }
}
