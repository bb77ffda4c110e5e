package dev.vprompt.cli.load;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a sample: the p-th percentile is the smallest value such that at least p% of the
 * sample is less than or equal to it. Immutable and thread-safe.
 */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Copies and sorts the sample. */
    public static Percentiles of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /**
     * @param p within (0, 100]
     * @return the value, or 0 for an empty sample
     */
    public long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    public double mean() {
        if (sorted.length == 0) {
            return 0;
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }
}
