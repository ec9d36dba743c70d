package io.pflogstream.summary;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sum of doubles that gives the same bits as adding them one by one in input order, however the
 * partial sums were merged. pflogsumm adds delays line by line; a parallel, windowed aggregation
 * adds them in another order, and the last bit decides how an average like 0.15 rounds in "%5.1f".
 * Values are kept with their line position and summed in order when the total is asked for.
 *
 * <p>A sum that sees every value of its run in line order (the report's single lifecycle subtask)
 * uses {@link #addInOrder}: values are added as they come, as Perl does, and nothing is kept, so
 * memory stays flat however long the log.
 */
public final class SequentialSum implements Serializable {
    private long[] seqs = new long[4];
    private double[] values = new double[4];
    private int size;
    /** The in-order sum of values already added up, and the line position of the last of them. */
    private double folded;

    private long foldedThrough = Long.MIN_VALUE;

    public void add(long seq, double value) {
        if (size == seqs.length) {
            seqs = Arrays.copyOf(seqs, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        seqs[size] = seq;
        values[size] = value;
        size++;
    }

    /** Adds a value that comes after every value so far; kept like {@link #add} when it does not. */
    public void addInOrder(long seq, double value) {
        if (size == 0 && seq > foldedThrough) {
            folded += value;
            foldedThrough = seq;
        } else {
            add(seq, value);
        }
    }

    public void addAll(SequentialSum other) {
        if (other.foldedThrough != Long.MIN_VALUE) {
            if (size == 0 && foldedThrough == Long.MIN_VALUE) {
                folded = other.folded;
                foldedThrough = other.foldedThrough;
            } else {
                // two sums both added up already: their interleaving is lost (not reached by the
                // topologies, where one subtask folds and the others hold no delays)
                folded += other.folded;
                foldedThrough = Math.max(foldedThrough, other.foldedThrough);
            }
        }
        for (int i = 0; i < other.size; i++) {
            add(other.seqs[i], other.values[i]);
        }
    }

    public double total() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(seqs[a], seqs[b]));
        double sum = folded;
        for (Integer i : order) sum += values[i];
        return sum;
    }

    public int size() {
        return size;
    }

    // accessors for Flink's POJO serializer (state must not fall back to Kryo)
    public long[] getSeqs() {
        return seqs;
    }

    public void setSeqs(long[] seqs) {
        this.seqs = seqs;
    }

    public double[] getValues() {
        return values;
    }

    public void setValues(double[] values) {
        this.values = values;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public double getFolded() {
        return folded;
    }

    public void setFolded(double folded) {
        this.folded = folded;
    }

    public long getFoldedThrough() {
        return foldedThrough;
    }

    public void setFoldedThrough(long foldedThrough) {
        this.foldedThrough = foldedThrough;
    }
}
