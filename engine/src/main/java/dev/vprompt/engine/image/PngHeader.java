package dev.vprompt.engine.image;

/**
 * The fields of a PNG {@code IHDR} chunk that decide how the image is decoded and how Pillow maps samples to 8 bits.
 *
 * @param width columns as declared (may be negative when the file declares more than 2^31 - 1)
 * @param height rows as declared (likewise)
 * @param colorType 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
 * @param interlace 0 none, 1 Adam7
 */
record PngHeader(int width, int height, int bitDepth, int colorType, int interlace) {

    static final int COLOR_GRAY = 0;
    static final int COLOR_RGB = 2;
    static final int COLOR_PALETTE = 3;
    static final int COLOR_GRAY_ALPHA = 4;
    static final int COLOR_RGBA = 6;

    /** Where the signature ends and the IHDR chunk starts. */
    static final int IHDR_OFFSET = 8;

    /** Where the chunk after IHDR starts: signature, IHDR length, type, 13 data bytes and CRC. */
    static final int AFTER_IHDR = IHDR_OFFSET + 8 + 13 + 4;

    private static final int IHDR_LENGTH = 13;

    /** Parses the IHDR that must follow the signature, or returns null when it is missing or malformed. */
    static PngHeader parse(byte[] png) {
        if (png.length < AFTER_IHDR) {
            return null;
        }
        int len = readInt(png, IHDR_OFFSET);
        boolean isIhdr = png[IHDR_OFFSET + 4] == 'I'
                && png[IHDR_OFFSET + 5] == 'H'
                && png[IHDR_OFFSET + 6] == 'D'
                && png[IHDR_OFFSET + 7] == 'R';
        if (len != IHDR_LENGTH || !isIhdr) {
            return null;
        }
        int d = IHDR_OFFSET + 8;
        return new PngHeader(
                readInt(png, d), readInt(png, d + 4), png[d + 8] & 0xFF, png[d + 9] & 0xFF, png[d + 12] & 0xFF);
    }

    /** True for a 16-bit grayscale image without alpha: Pillow 9 opens it as mode {@code I} and clips to 0..255. */
    boolean isGray16() {
        return colorType == COLOR_GRAY && bitDepth == 16;
    }

    /** Samples per pixel of the colour type, or 0 for an invalid type. */
    int channels() {
        return switch (colorType) {
            case COLOR_GRAY, COLOR_PALETTE -> 1;
            case COLOR_GRAY_ALPHA -> 2;
            case COLOR_RGB -> 3;
            case COLOR_RGBA -> 4;
            default -> 0;
        };
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
