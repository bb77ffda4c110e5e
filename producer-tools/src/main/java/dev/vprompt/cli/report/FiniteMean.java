package dev.vprompt.cli.report;

import java.util.stream.DoubleStream;

/**
 * The mean of the finite values of a sample: NaN and infinite values (an undefined IoU of 0/0, a timing never measured)
 * are left out rather than turning the mean into NaN. The reports of {@code vp demo} and {@code vp eval} average this
 * way.
 *
 * <p>Thread-safe (stateless).
 */
public final class FiniteMean {

    private FiniteMean() {}

    /** Mean of the finite values, summed in order (plain, uncompensated); NaN when there is none. */
    public static double of(DoubleStream values) {
        double[] finite = values.filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : finite) {
            sum += v;
        }
        return sum / finite.length;
    }
}
