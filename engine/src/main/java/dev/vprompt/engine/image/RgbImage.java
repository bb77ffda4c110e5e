package dev.vprompt.engine.image;

import java.util.Objects;

/**
 * An 8-bit RGB image, row-major, interleaved (HWC): the byte at {@code 3 * (y * width + x) + c} is channel
 * {@code c} of pixel (x, y). Values are unsigned (use {@code & 0xFF}).
 *
 * <p>Instances are treated as immutable by convention: code that receives one never writes into
 * {@link #pixels()}. Masks are RGB images whose three channels are equal.
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != 3L * width * height) {
            throw new IllegalArgumentException(
                    "pixels has " + pixels.length + " bytes, expected " + (3L * width * height));
        }
    }

    /** A new image of the given size filled with one colour. */
    public static RgbImage filled(int width, int height, int r, int g, int b) {
        byte[] px = new byte[3 * width * height];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, px);
    }

    /**
     * A copy of the {@code w x h} region whose top-left pixel is (x, y).
     *
     * @throws IllegalArgumentException when the region does not lie inside the image
     */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("region " + w + "x" + h + " at (" + x + ", " + y + ") is not inside a "
                    + width + "x" + height + " image");
        }
        byte[] px = new byte[3 * w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(pixels, 3 * ((y + row) * width + x), px, 3 * row * w, 3 * w);
        }
        return new RgbImage(w, h, px);
    }

    /** Channel {@code c} of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return pixels[3 * (y * width + x) + c] & 0xFF;
    }
}
