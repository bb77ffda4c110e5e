package dev.vprompt.engine.image;

import java.util.Arrays;

/**
 * Image resizing that is bit-exact with Pillow's {@code Image.resize((w, h), filter)} on 8-bit images, i.e. with
 * {@code torchvision.transforms.Resize} on PIL images as the official code uses it ({@code interpolation=3} is
 * bicubic for the 2x2 evaluation canvas; the default bilinear for the synthetic 3x2 tasks).
 *
 * <p>The algorithm is Pillow's separable two-pass convolution (see {@link ResampleKernel} for the weights): a
 * horizontal pass over only the source rows the vertical pass will read, rounded to 8 bits (each sample
 * {@code clip8((2^21 + sum(pixel * weight)) >> 22)}), then a vertical pass with the same rounding. A pass whose size
 * does not change is skipped, as in Pillow; when neither changes the result is a copy. The order of the passes and
 * the intermediate rounding are Pillow's, so neither may change.
 *
 * <p>Both passes are written so that their innermost loop is one weight times a whole array, added into another
 * at the same index, which the JIT vectorizes: the horizontal pass transposes a stripe of up to 64 source rows into
 * per-column arrays (see {@code Stripes}), and the vertical pass reads intermediate rows kept as {@code int} arrays.
 * On {@code vp bench pipeline}'s query (118x111 to 111x111) that is 0.56 of the CPU of a row-at-a-time pass, and
 * 0.57 on 300x200 to 111x111 (BENCHMARKS.md). The rounding to 8 bits runs in its own loop over {@code int} sums, with
 * a branch-free clamp ({@link ResampleKernel#clip8}), since the JIT vectorizes neither {@code Math.min}/{@code max} on
 * {@code int}s nor a clamp fused with the store to bytes.
 *
 * <p>Memory is bounded whatever the aspect ratio: the horizontal pass streams, a stripe at a time, into a ring that
 * holds only the rows the current output row's window covers plus one stripe (at most {@code 2 * ceil(support *
 * max(1, inH / outH)) + 1 + 64} rows of {@code 3 * outW} ints), and the result can be written straight into a larger
 * image such as a canvas ({@link #resizeInto}). Besides the result, a call allocates the ring, the stripe's columns
 * (at most 1 MiB), one {@code int} row and the two kernels ({@code out * ksize} ints per axis); for a 65,535-pixel
 * side to a 111-pixel cell that is about 4.3 MB in all, instead of an intermediate image of {@code inH * 3 * outW}
 * samples.
 *
 * <p>Thread-safe: stateless. Weights are computed once per call and axis (O(out * kernel) work, small next to the
 * convolution), integer arithmetic only in the pixel loops.
 */
public final class PilResize {

    /** The Pillow filters this class reproduces. */
    public enum Filter {
        /** Pillow {@code BILINEAR}: triangle kernel, support 1. */
        BILINEAR(1.0) {
            @Override
            double weight(double x) {
                double ax = x < 0.0 ? -x : x;
                return ax < 1.0 ? 1.0 - ax : 0.0;
            }
        },
        /** Pillow {@code BICUBIC}: Keys cubic convolution with a = -0.5, support 2. */
        BICUBIC(2.0) {
            @Override
            double weight(double x) {
                final double a = -0.5;
                double ax = x < 0.0 ? -x : x;
                if (ax < 1.0) {
                    return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
                }
                if (ax < 2.0) {
                    return (((ax - 5) * ax + 8) * ax - 4) * a;
                }
                return 0.0;
            }
        };

        private final double support;

        Filter(double support) {
            this.support = support;
        }

        /** Kernel radius at scale 1. */
        double support() {
            return support;
        }

        /** The kernel value at {@code x}, with the exact expression order of Pillow's C code. */
        abstract double weight(double x);
    }

    private static final int CHANNELS = 3;

    /**
     * Source rows the horizontal pass transposes and sums at once: 192 ints per column, long enough for the JIT's
     * vector loop to run mostly in its unrolled body (fewer for very wide or very short images).
     */
    private static final int STRIPE_ROWS = 64;

    /** The most ints a stripe's columns hold: 1 MiB, whatever the image's width (down to one row per stripe). */
    private static final int STRIPE_BUDGET = 1 << 18;

    private PilResize() {}

    /** Pillow {@code Image.resize((outW, outH), Image.BICUBIC)}. */
    public static RgbImage bicubic(RgbImage src, int outW, int outH) {
        return resize(src, outW, outH, Filter.BICUBIC);
    }

    /** Pillow {@code Image.resize((outW, outH), Image.BILINEAR)}. */
    public static RgbImage bilinear(RgbImage src, int outW, int outH) {
        return resize(src, outW, outH, Filter.BILINEAR);
    }

    /** Pillow {@code Image.resize((outW, outH), filter)} on the whole image (no box). */
    public static RgbImage resize(RgbImage src, int outW, int outH, Filter filter) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + outW + "x" + outH);
        }
        if (3L * outW * outH > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output size " + outW + "x" + outH + " does not fit in one array");
        }
        byte[] out = new byte[3 * outW * outH];
        resizeInto(src, filter, out, outW, 0, 0, outW, outH);
        return new RgbImage(outW, outH, out);
    }

    /**
     * Writes Pillow's {@code src.resize((outW, outH), filter)} into {@code dst}, an RGB image {@code dstWidth} pixels
     * wide laid out as {@link RgbImage#pixels()}, with its top-left corner at ({@code x}, {@code y}); the rest of
     * {@code dst} is left untouched.
     *
     * @throws IllegalArgumentException when the output size is not positive or the area does not lie inside {@code dst}
     */
    public static void resizeInto(
            RgbImage src, Filter filter, byte[] dst, int dstWidth, int x, int y, int outW, int outH) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + outW + "x" + outH);
        }
        if (x < 0
                || y < 0
                || dstWidth <= 0
                || (long) x + outW > dstWidth
                || 3L * dstWidth * (y + (long) outH) > dst.length) {
            throw new IllegalArgumentException(
                    outW + "x" + outH + " at " + x + "," + y + " does not fit an image " + dstWidth + " pixels wide");
        }
        int dstStride = CHANNELS * dstWidth;
        int dstOffset = CHANNELS * (y * dstWidth + x);
        boolean needHorizontal = outW != src.width();
        boolean needVertical = outH != src.height();
        int srcStride = CHANNELS * src.width();
        byte[] in = src.pixels();
        if (!needHorizontal && !needVertical) {
            for (int r = 0; r < outH; r++) {
                System.arraycopy(in, r * srcStride, dst, dstOffset + r * dstStride, srcStride);
            }
            return;
        }
        ResampleKernel kx = needHorizontal ? ResampleKernel.compute(src.width(), outW, filter) : null;
        if (!needVertical) {
            Stripes stripes = new Stripes(in, src.width(), kx, outW, outH);
            for (int r = 0; r < outH; r += stripes.rows) {
                stripes.resize(r, Math.min(stripes.rows, outH - r), dst, dstOffset, dstStride);
            }
            return;
        }
        ResampleKernel ky = ResampleKernel.compute(src.height(), outH, filter);
        int rowBytes = CHANNELS * outW;
        int[] acc = new int[rowBytes];
        if (!needHorizontal) {
            for (int yy = 0; yy < outH; yy++) {
                vertical(in, srcStride, ky, yy, acc, dst, dstOffset + yy * dstStride);
            }
            return;
        }
        int first = ky.start[0];
        int end = ky.start[outH - 1] + ky.count[outH - 1];
        Stripes stripes = new Stripes(in, src.width(), kx, outW, end - first);
        int[][] ring = new int[Math.max(ky.maxCount(), 1) + stripes.rows][rowBytes];
        int next = first;
        for (int yy = 0; yy < outH; yy++) {
            int needed = ky.start[yy] + ky.count[yy];
            while (next < needed) {
                int rows = Math.min(stripes.rows, end - next);
                stripes.resize(next, rows, ring);
                next += rows;
            }
            vertical(ring, ky, yy, acc, dst, dstOffset + yy * dstStride);
        }
    }

    /**
     * The horizontal pass, a stripe of source rows at a time. The stripe is transposed into one array per source
     * column, holding the column's samples in those rows ({@code 3 * rows} ints), so that an output column is a
     * weighted sum of whole source column arrays: the innermost loop runs over the stripe's rows and channels with
     * one weight and the same index on both arrays, which the JIT turns into vector instructions (it does not for a
     * row at a time, where each sample sums a handful of taps, nor for two offsets into one array). The integer sums
     * are Pillow's (exact integer additions in any order), so the rounding is too.
     *
     * <p>Not thread-safe: one per call. Its columns hold at most about {@link #STRIPE_BUDGET} ints, whatever the
     * image's width.
     */
    private static final class Stripes {

        private final byte[] in;
        private final int width;
        private final ResampleKernel k;
        private final int outW;
        final int rows;
        private final int[][] columns;
        private final int[] acc;
        /** The ring's rows a stripe's source rows go to, looked up once per stripe instead of once per sample. */
        private final int[][] ringRows;

        Stripes(byte[] in, int width, ResampleKernel k, int outW, int rowsNeeded) {
            this.in = in;
            this.width = width;
            this.k = k;
            this.outW = outW;
            this.rows = Math.max(1, Math.min(Math.min(STRIPE_ROWS, rowsNeeded), STRIPE_BUDGET / (CHANNELS * width)));
            this.columns = new int[width][CHANNELS * rows];
            this.acc = new int[CHANNELS * rows];
            this.ringRows = new int[rows][];
        }

        /** Source rows {@code first .. first + n - 1} resized horizontally into {@code out} at its rows' offsets. */
        void resize(int first, int n, byte[] out, int offset, int stride) {
            int lanes = load(first, n);
            for (int xx = 0; xx < outW; xx++) {
                sum(xx, lanes);
                int at = offset + first * stride + CHANNELS * xx;
                for (int j = 0; j < lanes; j += CHANNELS, at += stride) {
                    out[at] = (byte) acc[j];
                    out[at + 1] = (byte) acc[j + 1];
                    out[at + 2] = (byte) acc[j + 2];
                }
            }
        }

        /**
         * Source rows {@code first .. first + n - 1} resized horizontally; row {@code r} goes to the ring's row
         * {@code r % ring.length}.
         */
        void resize(int first, int n, int[][] ring) {
            int lanes = load(first, n);
            int[][] rows = ringRows;
            for (int r = 0; r < n; r++) {
                rows[r] = ring[(first + r) % ring.length];
            }
            for (int xx = 0; xx < outW; xx++) {
                sum(xx, lanes);
                int o = CHANNELS * xx;
                for (int j = 0, r = 0; j < lanes; j += CHANNELS, r++) {
                    int[] row = rows[r];
                    row[o] = acc[j];
                    row[o + 1] = acc[j + 1];
                    row[o + 2] = acc[j + 2];
                }
            }
        }

        /** Transposes source rows {@code first .. first + n - 1} into the column arrays; returns the lanes used. */
        private int load(int first, int n) {
            int srcStride = CHANNELS * width;
            int lanes = CHANNELS * n;
            // a column at a time: its array is looked up once and written in order (15% faster than a row at a time)
            for (int x = 0; x < width; x++) {
                int[] column = columns[x];
                int p = first * srcStride + CHANNELS * x;
                for (int q = 0; q < lanes; q += CHANNELS, p += srcStride) {
                    column[q] = in[p] & 0xFF;
                    column[q + 1] = in[p + 1] & 0xFF;
                    column[q + 2] = in[p + 2] & 0xFF;
                }
            }
            return lanes;
        }

        /**
         * Output column {@code xx} of the loaded rows into {@code acc}, rounded and clamped to 8 bits as Pillow's
         * {@code clip8} (a loop the JIT vectorizes too).
         */
        private void sum(int xx, int lanes) {
            int[] sums = acc;
            int[] weights = k.weights;
            int w0 = xx * k.ksize;
            int x0 = k.start[xx];
            int n = k.count[xx];
            if (n == 0) {
                Arrays.fill(sums, 0, lanes, ResampleKernel.clip8(ResampleKernel.HALF));
                return;
            }
            // the first tap starts the sum and the last one ends it clipped: two passes fewer over the lanes
            int wFirst = weights[w0];
            int[] first = columns[x0];
            for (int j = 0; j < lanes; j++) {
                sums[j] = ResampleKernel.HALF + wFirst * first[j];
            }
            for (int i = 1; i < n - 1; i++) {
                int w = weights[w0 + i];
                int[] column = columns[x0 + i];
                for (int j = 0; j < lanes; j++) {
                    sums[j] += w * column[j];
                }
            }
            if (n == 1) {
                for (int j = 0; j < lanes; j++) {
                    sums[j] = ResampleKernel.clip8(sums[j]);
                }
                return;
            }
            int wLast = weights[w0 + n - 1];
            int[] last = columns[x0 + n - 1];
            for (int j = 0; j < lanes; j++) {
                sums[j] = ResampleKernel.clip8(sums[j] + wLast * last[j]);
            }
        }
    }

    /**
     * Output row {@code yy} of the vertical pass over the ring of horizontally resized rows (input row {@code r} is
     * ring row {@code r % ring.length}). Each input row is one array of the same length as {@code acc}, so the
     * weighted sum vectorizes.
     */
    private static void vertical(int[][] ring, ResampleKernel k, int yy, int[] acc, byte[] out, int o) {
        int rowBytes = acc.length;
        Arrays.fill(acc, ResampleKernel.HALF);
        int first = k.start[yy];
        for (int i = 0, n = k.count[yy]; i < n; i++) {
            int w = k.weights[yy * k.ksize + i];
            int[] row = ring[(first + i) % ring.length];
            for (int c = 0; c < rowBytes; c++) {
                acc[c] += w * row[c];
            }
        }
        clipInto(acc, out, o);
    }

    /** Output row {@code yy} of a vertical pass straight over the source's rows (its width unchanged). */
    private static void vertical(byte[] in, int stride, ResampleKernel k, int yy, int[] acc, byte[] out, int o) {
        int rowBytes = acc.length;
        Arrays.fill(acc, ResampleKernel.HALF);
        int n = k.count[yy];
        int first = k.start[yy];
        for (int i = 0; i < n; i++) {
            int w = k.weights[yy * k.ksize + i];
            int base = (first + i) * stride;
            for (int c = 0; c < rowBytes; c++) {
                acc[c] += (in[base + c] & 0xFF) * w;
            }
        }
        clipInto(acc, out, o);
    }

    /**
     * Clips a row of sums to 8 bits and stores it as bytes at {@code out[o..]}: in two loops, because the JIT
     * vectorizes the clip only over an {@code int} array (fused with the narrowing store it ran 2.6x slower).
     */
    private static void clipInto(int[] acc, byte[] out, int o) {
        int rowBytes = acc.length;
        for (int c = 0; c < rowBytes; c++) {
            acc[c] = ResampleKernel.clip8(acc[c]);
        }
        for (int c = 0; c < rowBytes; c++) {
            out[o + c] = (byte) acc[c];
        }
    }
}
