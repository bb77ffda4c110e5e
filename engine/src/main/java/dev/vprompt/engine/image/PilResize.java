package dev.vprompt.engine.image;

import java.util.Arrays;

/**
 * Image resizing that is bit-exact with Pillow's {@code Image.resize((w, h), filter)} on 8-bit images, i.e. with
 * {@code torchvision.transforms.Resize} on PIL images as the official code uses it ({@code interpolation=3} is
 * bicubic for the 2x2 evaluation canvas; the default bilinear for the synthetic 3x2 tasks).
 *
 * <p>The algorithm is Pillow's separable two-pass convolution (see {@link ResampleKernel} for the weights): a
 * horizontal pass over only the source rows the vertical pass will read, stored as an 8-bit intermediate image
 * (each sample {@code clip8((2^21 + sum(pixel * weight)) >> 22)}), then a vertical pass with the same rounding. A
 * pass whose size does not change is skipped, as in Pillow; when neither changes the result is a copy.
 *
 * <p>Thread-safe: stateless. Weights are computed once per call and axis (O(out * kernel) work, negligible next
 * to the convolution), integer arithmetic only in the pixel loops.
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
        boolean needHorizontal = outW != src.width();
        boolean needVertical = outH != src.height();
        if (!needHorizontal && !needVertical) {
            return new RgbImage(src.width(), src.height(), src.pixels().clone());
        }
        ResampleKernel vertical = ResampleKernel.compute(src.height(), outH, filter);
        byte[] pixels = src.pixels();
        int width = src.width();
        int[] rowStart = vertical.start;
        if (needHorizontal) {
            int firstRow = vertical.start[0];
            int lastRow = vertical.start[outH - 1] + vertical.count[outH - 1];
            pixels = horizontal(pixels, width, firstRow, lastRow, outW, ResampleKernel.compute(width, outW, filter));
            width = outW;
            rowStart = Arrays.stream(vertical.start).map(s -> s - firstRow).toArray();
        }
        if (needVertical) {
            pixels = vertical(pixels, width, outH, vertical, rowStart);
        }
        return new RgbImage(width, outH, pixels);
    }

    private static byte[] horizontal(byte[] in, int inW, int firstRow, int lastRow, int outW, ResampleKernel k) {
        byte[] out = new byte[(lastRow - firstRow) * outW * CHANNELS];
        int[] weights = k.weights;
        int o = 0;
        for (int y = firstRow; y < lastRow; y++) {
            int row = y * inW * CHANNELS;
            for (int xx = 0; xx < outW; xx++) {
                int n = k.count[xx];
                int w0 = xx * k.ksize;
                int p = row + k.start[xx] * CHANNELS;
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
        return out;
    }

    private static byte[] vertical(byte[] in, int width, int outH, ResampleKernel k, int[] rowStart) {
        int rowBytes = width * CHANNELS;
        byte[] out = new byte[outH * rowBytes];
        int[] acc = new int[rowBytes];
        for (int yy = 0; yy < outH; yy++) {
            Arrays.fill(acc, ResampleKernel.HALF);
            int n = k.count[yy];
            for (int i = 0; i < n; i++) {
                int w = k.weights[yy * k.ksize + i];
                int base = (rowStart[yy] + i) * rowBytes;
                for (int c = 0; c < rowBytes; c++) {
                    acc[c] += (in[base + c] & 0xFF) * w;
                }
            }
            int o = yy * rowBytes;
            for (int c = 0; c < rowBytes; c++) {
                out[o + c] = (byte) ResampleKernel.clip8(acc[c]);
            }
        }
        return out;
    }
}
