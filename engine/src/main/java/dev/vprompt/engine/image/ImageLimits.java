package dev.vprompt.engine.image;

/**
 * Bounds an {@link ImageDecoder} enforces before it spends memory on an image. Both size limits are checked from the
 * file header, for every format, before any pixel is decoded, so a small file that claims a huge size (a
 * decompression bomb) costs nothing.
 *
 * <p>The side limit exists because the pixel limit alone does not bound the work on a thin image: a 1 x 6,000,000
 * image passes a 40-megapixel limit, yet resampling it to a canvas cell is proportional to its long side times the
 * cell's width, and its resampling kernels to its long side. With sides of at most {@link #DEFAULT_MAX_SIDE} every
 * buffer {@link PilResize} allocates stays below about 1 MB per call (see there).
 *
 * @param maxEncodedBytes the largest encoded input accepted, in bytes
 * @param maxPixels the largest {@code width * height} accepted
 * @param maxSide the largest width and the largest height accepted, in pixels
 */
public record ImageLimits(int maxEncodedBytes, long maxPixels, int maxSide) {

    /** 32 MiB: larger than any photo a labeling job sends, small enough to hold many in flight. */
    public static final int DEFAULT_MAX_ENCODED_BYTES = 32 * 1024 * 1024;

    /** 40 megapixels: a 7300x5500 photo; the RGB result then takes 120 MB. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /**
     * 65,535 pixels per side: the largest side a JPEG or GIF can declare, far beyond camera photos (the widest stitched
     * panoramas users send are ~30,000); a thin image at this limit resizes to a cell in a few tens of milliseconds.
     */
    public static final int DEFAULT_MAX_SIDE = 65_535;

    /** The most pixels an {@link RgbImage} can hold (its byte array has {@code 3 * pixels} entries). */
    public static final long HARD_MAX_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    public ImageLimits {
        if (maxEncodedBytes <= 0) {
            throw new IllegalArgumentException("maxEncodedBytes must be positive, got " + maxEncodedBytes);
        }
        if (maxPixels <= 0 || maxPixels > HARD_MAX_PIXELS) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + HARD_MAX_PIXELS + ", got " + maxPixels);
        }
        if (maxSide <= 0) {
            throw new IllegalArgumentException("maxSide must be positive, got " + maxSide);
        }
    }

    /** Limits with the default {@link #DEFAULT_MAX_SIDE side limit}. */
    public ImageLimits(int maxEncodedBytes, long maxPixels) {
        this(maxEncodedBytes, maxPixels, DEFAULT_MAX_SIDE);
    }

    /** The limits with every default. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_ENCODED_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MAX_SIDE);
    }

    /**
     * Checks a size declared by a header.
     *
     * @throws ImageDecodeException {@code CORRUPT} for a non-positive side, {@code SIDE_TOO_LONG} or
     *     {@code TOO_MANY_PIXELS} past the limits
     */
    void check(long width, long height) throws ImageDecodeException {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(
                    ImageDecodeException.Reason.CORRUPT, "header declares " + width + "x" + height);
        }
        if (width > maxSide || height > maxSide) {
            throw new ImageDecodeException(
                    ImageDecodeException.Reason.SIDE_TOO_LONG,
                    width + "x" + height + " has a side longer than the limit of " + maxSide + " pixels");
        }
        long pixels = width * height;
        if (pixels > maxPixels) {
            throw new ImageDecodeException(
                    ImageDecodeException.Reason.TOO_MANY_PIXELS,
                    width + "x" + height + " = " + pixels + " pixels exceed the limit of " + maxPixels);
        }
    }
}
