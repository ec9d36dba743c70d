package io.pflogstream.summary;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.SparseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The delays of a row's deliveries: Postfix's {@code delay=} and the four stages of its
 * {@code delays=a/b/c/d}, each kept in a DDSketch. Its bins are counts by a fixed logarithmic
 * index, so the sketch of a set of values is the same whatever order they came in and however
 * parts were merged: restored, rescaled or re-partitioned jobs give the same percentiles. Every
 * percentile is within {@link #RELATIVE_ACCURACY} of the true value (and never above the exact
 * maximum, kept beside it); a sparse store keeps a row with few deliveries a few bytes.
 */
@TypeInfo(DeliveryDelaysSerializer.Info.Factory.class)
public final class DeliveryDelays {
    /** 1%: a 0.50 s median prints as 0.49 to 0.51 at worst. */
    public static final double RELATIVE_ACCURACY = 0.01;

    static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

    /** What a delay is measured over: the whole, then Postfix's four stages in its order. */
    public enum Stage {
        TOTAL("Total"),
        BEFORE_QMGR("Before qmgr"),
        IN_QMGR("In qmgr"),
        CONN_SETUP("Conn setup"),
        TRANSMISSION("Transmission");

        /** The row's name in the report (postfix-logwatch's names). */
        public final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    private static final Stage[] STAGES = Stage.values();

    /** One per stage; null until the stage has a value. */
    final DDSketch[] sketches = new DDSketch[STAGES.length];
    /** The exact largest value of each stage. */
    final double[] max = new double[STAGES.length];

    public DeliveryDelays() {}

    /**
     * Notes one delivery.
     *
     * @param delay Postfix's {@code delay=} in seconds
     * @param stages its {@code delays=} ("0.1/0/0.5/0.6"), or null when the line has none (Postfix
     *     before 2.3): only the total counts then
     */
    public void add(double delay, String stages) {
        add(values(delay, stages));
    }

    /** Notes one delivery's {@link #values}: read once, noted in every row it belongs to. */
    public void add(double[] values) {
        for (int i = 0; i < STAGES.length; i++) {
            note(i, values[i]);
        }
    }

    /** A delivery's delay and stages, per {@link Stage}; NaN for a stage the line lacks or garbled. */
    public static double[] values(double delay, String stages) {
        double[] v = new double[STAGES.length];
        java.util.Arrays.fill(v, Double.NaN);
        v[0] = delay;
        if (stages == null) {
            return v;
        }
        int from = 0;
        for (int i = 1; i < STAGES.length; i++) {
            int slash = stages.indexOf('/', from);
            int end = slash < 0 || i == STAGES.length - 1 ? stages.length() : slash;
            v[i] = parse(stages, from, end);
            if (end == stages.length()) {
                break; // fewer than four: those given count
            }
            from = end + 1;
        }
        return v;
    }

    private static double parse(String s, int from, int to) {
        try {
            return Double.parseDouble(s.substring(from, to));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void note(int stage, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            return; // absent, or a garbled number: not a delay
        }
        if (sketches[stage] == null) {
            sketches[stage] = newSketch();
        }
        sketches[stage].accept(value);
        max[stage] = Math.max(max[stage], value);
    }

    static DDSketch newSketch() {
        return new DDSketch(MAPPING, SparseStore::new);
    }

    /** Adds {@code o} into these delays; {@code o} is left as it was. */
    public DeliveryDelays merge(DeliveryDelays o) {
        for (int i = 0; i < STAGES.length; i++) {
            if (o.sketches[i] == null) {
                continue;
            }
            if (sketches[i] == null) {
                sketches[i] = o.sketches[i].copy();
            } else {
                sketches[i].mergeWith(o.sketches[i]);
            }
            max[i] = Math.max(max[i], o.max[i]);
        }
        return this;
    }

    /** Deliveries counted (those with a {@code delay=}). */
    public long count() {
        return count(Stage.TOTAL);
    }

    public long count(Stage stage) {
        DDSketch s = sketches[stage.ordinal()];
        return s == null ? 0 : Math.round(s.getCount());
    }

    public boolean isEmpty() {
        for (DDSketch s : sketches) {
            if (s != null) {
                return false;
            }
        }
        return true;
    }

    /** The {@code q} quantile (0..1) of a stage, never above its exact maximum; NaN without values. */
    public double quantile(Stage stage, double q) {
        DDSketch s = sketches[stage.ordinal()];
        if (s == null) {
            return Double.NaN;
        }
        return Math.min(s.getValueAtQuantile(q), max[stage.ordinal()]);
    }

    /** The exact largest value of a stage; NaN without values. */
    public double max(Stage stage) {
        return sketches[stage.ordinal()] == null ? Double.NaN : max[stage.ordinal()];
    }

    public DeliveryDelays copy() {
        return new DeliveryDelays().merge(this);
    }

    /** A stage's sketch in DDSketch's own encoding (without the index mapping, which is fixed). */
    static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(32);
        try {
            sketch.encode(out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to memory
        }
        return out.trimmedCopy();
    }

    static DDSketch decode(byte[] bytes) throws IOException {
        return DDSketch.decode(ByteArrayInput.wrap(bytes), SparseStore::new, MAPPING);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeliveryDelays d)) {
            return false;
        }
        for (int i = 0; i < STAGES.length; i++) {
            if ((sketches[i] == null) != (d.sketches[i] == null)
                    || max[i] != d.max[i]
                    || (sketches[i] != null && !java.util.Arrays.equals(encode(sketches[i]), encode(d.sketches[i])))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count());
    }
}
