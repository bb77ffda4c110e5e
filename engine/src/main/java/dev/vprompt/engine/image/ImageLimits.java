package dev.vprompt.engine.image;

/**
 * Bounds an {@link ImageDecoder} enforces before it spends memory on an image.
 *
 * @param maxEncodedBytes the largest encoded input accepted, in bytes
 * @param maxPixels the largest {@code width * height} accepted; checked from the file header before any pixel is
 *     decoded, so a small file that claims a huge size (a decompression bomb) costs nothing
 */
public record ImageLimits(int maxEncodedBytes, long maxPixels) {

    /** 32 MiB: larger than any photo a labeling job sends, small enough to hold many in flight. */
    public static final int DEFAULT_MAX_ENCODED_BYTES = 32 * 1024 * 1024;

    /** 40 megapixels: a 7300x5500 photo; the RGB result then takes 120 MB. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** The most pixels an {@link RgbImage} can hold (its byte array has {@code 3 * pixels} entries). */
    public static final long HARD_MAX_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    public ImageLimits {
        if (maxEncodedBytes <= 0) {
            throw new IllegalArgumentException("maxEncodedBytes must be positive, got " + maxEncodedBytes);
        }
        if (maxPixels <= 0 || maxPixels > HARD_MAX_PIXELS) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + HARD_MAX_PIXELS + ", got " + maxPixels);
        }
    }

    /** The limits with every default. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_ENCODED_BYTES, DEFAULT_MAX_PIXELS);
    }
}
