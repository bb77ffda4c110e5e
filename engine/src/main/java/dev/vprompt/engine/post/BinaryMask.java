package dev.vprompt.engine.post;

import dev.vprompt.engine.image.RgbImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * A binary mask, row-major: {@code bits[y * width + x]} is true on the foreground.
 *
 * <p>Immutable: the array is copied in and out.
 *
 * @param width columns, at least 1
 * @param height rows, at least 1
 * @param bits {@code width * height} flags
 */
public record BinaryMask(int width, int height, boolean[] bits) {

    public BinaryMask {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(bits, "bits");
        if (bits.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "bits has " + bits.length + " entries, expected " + ((long) width * height));
        }
        bits = bits.clone();
    }

    /** The mask of the pixels of {@code image} that have exactly the colour {@code foreground}. */
    public static BinaryMask ofColor(RgbImage image, RgbColor foreground) {
        boolean[] bits = new boolean[image.width() * image.height()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                bits[y * image.width() + x] = foreground.matches(image, x, y);
            }
        }
        return new BinaryMask(image.width(), image.height(), bits);
    }

    /** An all-background mask. */
    public static BinaryMask empty(int width, int height) {
        return new BinaryMask(width, height, new boolean[width * height]);
    }

    /** A mask whose foreground is {@code box} (clipped to the mask). */
    public static BinaryMask filledBox(int width, int height, Box box) {
        boolean[] bits = new boolean[width * height];
        for (int y = box.y(); y < Math.min(height, box.y() + box.height()); y++) {
            for (int x = box.x(); x < Math.min(width, box.x() + box.width()); x++) {
                bits[y * width + x] = true;
            }
        }
        return new BinaryMask(width, height, bits);
    }

    /** Whether pixel (x, y) is foreground. */
    public boolean get(int x, int y) {
        return bits[y * width + x];
    }

    /** Number of foreground pixels. */
    public int count() {
        int n = 0;
        for (boolean b : bits) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /**
     * Nearest-neighbour resize: output pixel (X, Y) takes source pixel ({@code floor((X + 0.5) * width / newWidth)},
     * {@code floor((Y + 0.5) * height / newHeight)}), i.e. the source pixel under its centre (computed exactly in
     * integers). An identity when the size is unchanged.
     */
    public BinaryMask resizeNearest(int newWidth, int newHeight) {
        if (newWidth <= 0 || newHeight <= 0) {
            throw new IllegalArgumentException("mask size must be positive: " + newWidth + "x" + newHeight);
        }
        boolean[] out = new boolean[newWidth * newHeight];
        int[] sx = new int[newWidth]; // the source column of each output column, computed once (a long division each)
        for (int x = 0; x < newWidth; x++) {
            sx[x] = nearestSource(x, width, newWidth);
        }
        for (int y = 0; y < newHeight; y++) {
            int row = nearestSource(y, height, newHeight) * width;
            int o = y * newWidth;
            for (int x = 0; x < newWidth; x++) {
                out[o + x] = bits[row + sx[x]];
            }
        }
        return new BinaryMask(newWidth, newHeight, out);
    }

    static int nearestSource(int dst, int srcSize, int dstSize) {
        return (int) (((2L * dst + 1) * srcSize) / (2L * dstSize));
    }

    /** The mask as 8-bit gray pixels, 255 foreground and 0 background, row by row (e.g. for a gray PNG). */
    public byte[] grayPixels() {
        byte[] px = new byte[bits.length];
        for (int i = 0; i < bits.length; i++) {
            px[i] = bits[i] ? (byte) 255 : 0;
        }
        return px;
    }

    /** The mask as an image: white foreground on black. */
    public RgbImage toRgbImage() {
        byte[] px = new byte[3 * bits.length];
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                px[3 * i] = (byte) 255;
                px[3 * i + 1] = (byte) 255;
                px[3 * i + 2] = (byte) 255;
            }
        }
        return new RgbImage(width, height, px);
    }

    @Override
    public boolean[] bits() {
        return bits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask m && width == m.width && height == m.height && Arrays.equals(bits, m.bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "BinaryMask[" + width + "x" + height + ", foreground=" + count() + "]";
    }
}
