package dev.vprompt.engine.image;

/**
 * The fixed-point weights of one resampling pass (one axis), computed as Pillow's {@code precompute_coeffs} and
 * {@code normalize_coeffs_8bpc} do (Pillow {@code src/libImaging/Resample.c}, unchanged from 7.x to 11.x):
 *
 * <ul>
 *   <li>{@code scale = in / out}; {@code filterscale = max(scale, 1)} (the kernel widens when shrinking, which is the
 *       antialiasing); {@code support = filter.support * filterscale}; {@code ksize = 2 * ceil(support) + 1}.
 *   <li>Output sample {@code xx} is centred at {@code center = (xx + 0.5) * scale}; its window is
 *       {@code [(int)(center - support + 0.5), (int)(center + support + 0.5))} clipped to {@code [0, in)};
 *       input {@code x} weighs {@code filter((x - center + 0.5) / filterscale)}.
 *   <li>Weights are divided by their sum (when non-zero), then scaled by {@code 2^22} and rounded half away from
 *       zero.
 * </ul>
 *
 * <p>All arithmetic is in double in the same operation order as the C code, so the rounding of every weight matches.
 * Thread-safe: immutable after construction (the arrays are never exposed).
 */
final class ResampleKernel {

    /** Fractional bits of the weights: 32 - 8 (sample) - 2 (headroom for negative lobes and sums above 1). */
    static final int PRECISION_BITS = 22;

    /** The accumulator start: one half in fixed point, so the final shift rounds. */
    static final int HALF = 1 << (PRECISION_BITS - 1);

    final int[] start;
    final int[] count;
    final int[] weights;
    final int ksize;

    private ResampleKernel(int[] start, int[] count, int[] weights, int ksize) {
        this.start = start;
        this.count = count;
        this.weights = weights;
        this.ksize = ksize;
    }

    static ResampleKernel compute(int inSize, int outSize, PilResize.Filter filter) {
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(scale, 1.0);
        double support = filter.support() * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        if ((long) outSize * ksize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "resampling " + inSize + " to " + outSize + " pixels needs a kernel too large for one array");
        }
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * ksize];
        double[] k = new double[ksize];
        double ss = 1.0 / filterscale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * ksize + x] =
                        v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = Math.max(xmax, 0);
        }
        return new ResampleKernel(start, count, weights, ksize);
    }

    /** The widest window of any output sample: how many input rows one output row reads at most. */
    int maxCount() {
        int max = 0;
        for (int c : count) {
            max = Math.max(max, c);
        }
        return max;
    }

    /**
     * Pillow's {@code clip8}: the accumulator shifted back to 8 bits and clamped to 0..255, with shifts and masks
     * instead of {@code Math.min}/{@code max}, so that a loop of it over an {@code int} array vectorizes (this JIT
     * leaves integer min/max scalar: 4-5x slower on a 192-sample loop).
     */
    static int clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        v &= ~(v >> 31);
        int over = 255 - v;
        return v + (over & (over >> 31));
    }
}
