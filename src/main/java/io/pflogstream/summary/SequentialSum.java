package io.pflogstream.summary;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sum of doubles that gives the same bits as adding them one by one in input order, however the
 * partial sums were merged. pflogsumm adds delays line by line; a parallel, windowed aggregation
 * adds them in another order, and the last bit decides how an average like 0.15 rounds in "%5.1f".
 * Values are kept with their line position and summed in order when the total is asked for.
 */
public final class SequentialSum implements Serializable {
    private long[] seqs = new long[4];
    private double[] values = new double[4];
    private int size;

    public void add(long seq, double value) {
        if (size == seqs.length) {
            seqs = Arrays.copyOf(seqs, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        seqs[size] = seq;
        values[size] = value;
        size++;
    }

    public void addAll(SequentialSum other) {
        for (int i = 0; i < other.size; i++) {
            add(other.seqs[i], other.values[i]);
        }
    }

    public double total() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(seqs[a], seqs[b]));
        double sum = 0;
        for (Integer i : order) sum += values[i];
        return sum;
    }

    public int size() {
        return size;
    }

    // accessors for Flink's POJO serializer (state must not fall back to Kryo)
    public long[] getSeqs() { return seqs; }
    public void setSeqs(long[] seqs) { this.seqs = seqs; }
    public double[] getValues() { return values; }
    public void setValues(double[] values) { this.values = values; }
    public int getSize() { return size; }
    public void setSize(int size) { this.size = size; }
}
