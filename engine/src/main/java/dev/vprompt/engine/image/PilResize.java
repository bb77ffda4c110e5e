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
 * <p>Memory is bounded whatever the aspect ratio: the horizontal pass streams, one intermediate row at a time, into a
 * ring that holds only the rows the current output row's window covers (at most {@code 2 * ceil(support * max(1,
 * inH / outH)) + 1} rows of {@code 3 * outW} bytes), and the result can be written straight into a larger image
 * such as a canvas ({@link #resizeInto}). Besides the result, a call allocates the ring, one {@code int} row and the
 * two kernels ({@code out * ksize} ints per axis); for a 65,535-pixel side to a 111-pixel cell that is about 2 MB in
 * all, instead of an intermediate image of {@code inH * 3 * outW} bytes.
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
            for (int r = 0; r < outH; r++) {
                horizontal(in, r * srcStride, kx, outW, dst, dstOffset + r * dstStride);
            }
            return;
        }
        ResampleKernel ky = ResampleKernel.compute(src.height(), outH, filter);
        int rowBytes = CHANNELS * outW;
        int[] acc = new int[rowBytes];
        if (!needHorizontal) {
            for (int yy = 0; yy < outH; yy++) {
                vertical(in, srcStride, Integer.MAX_VALUE, ky, yy, acc, dst, dstOffset + yy * dstStride);
            }
            return;
        }
        int capacity = Math.max(ky.maxCount(), 1);
        byte[] ring = new byte[capacity * rowBytes];
        int next = 0;
        for (int yy = 0; yy < outH; yy++) {
            next = Math.max(next, ky.start[yy]);
            int end = ky.start[yy] + ky.count[yy];
            for (; next < end; next++) {
                horizontal(in, next * srcStride, kx, outW, ring, (next % capacity) * rowBytes);
            }
            vertical(ring, rowBytes, capacity, ky, yy, acc, dst, dstOffset + yy * dstStride);
        }
    }

    /** One row of the horizontal pass: the source row at {@code from} to {@code outW} pixels at {@code o}. */
    private static void horizontal(byte[] in, int from, ResampleKernel k, int outW, byte[] out, int o) {
        int[] weights = k.weights;
        for (int xx = 0; xx < outW; xx++) {
            int n = k.count[xx];
            int w0 = xx * k.ksize;
            int p = from + k.start[xx] * CHANNELS;
            int r = ResampleKernel.HALF;
            int g = ResampleKernel.HALF;
            int b = ResampleKernel.HALF;
            for (int i = 0; i < n; i++, p += CHANNELS) {
                int w = weights[w0 + i];
                r += (in[p] & 0xFF) * w;
                g += (in[p + 1] & 0xFF) * w;
                b += (in[p + 2] & 0xFF) * w;
            }
            out[o++] = (byte) ResampleKernel.clip8(r);
            out[o++] = (byte) ResampleKernel.clip8(g);
            out[o++] = (byte) ResampleKernel.clip8(b);
        }
    }

    /**
     * Output row {@code yy} of the vertical pass. Input row {@code r} starts at {@code (r % capacity) * stride} in
     * {@code in}: the source itself ({@code capacity} unbounded) or the ring of horizontally resized rows.
     */
    private static void vertical(
            byte[] in, int stride, int capacity, ResampleKernel k, int yy, int[] acc, byte[] out, int o) {
        int rowBytes = acc.length;
        Arrays.fill(acc, ResampleKernel.HALF);
        int n = k.count[yy];
        int first = k.start[yy];
        for (int i = 0; i < n; i++) {
            int w = k.weights[yy * k.ksize + i];
            int base = ((first + i) % capacity) * stride;
            for (int c = 0; c < rowBytes; c++) {
                acc[c] += (in[base + c] & 0xFF) * w;
            }
        }
        for (int c = 0; c < rowBytes; c++) {
            out[o + c] = (byte) ResampleKernel.clip8(acc[c]);
        }
    }
}
