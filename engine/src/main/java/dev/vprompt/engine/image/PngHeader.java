package dev.vprompt.engine.image;

/**
 * The fields of a PNG {@code IHDR} chunk that decide how Pillow maps samples to 8 bits.
 *
 * @param colorType 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
 */
record PngHeader(int width, int height, int bitDepth, int colorType) {

    static final int COLOR_GRAY = 0;

    private static final int IHDR_OFFSET = 8;
    private static final int IHDR_LENGTH = 13;

    /** Parses the IHDR that must follow the signature, or returns null when it is missing or malformed. */
    static PngHeader parse(byte[] png) {
        if (png.length < IHDR_OFFSET + 8 + IHDR_LENGTH) {
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
        return new PngHeader(readInt(png, d), readInt(png, d + 4), png[d + 8] & 0xFF, png[d + 9] & 0xFF);
    }

    /** True for a 16-bit grayscale image without alpha: Pillow 9 opens it as mode {@code I} and clips to 0..255. */
    boolean isGray16() {
        return colorType == COLOR_GRAY && bitDepth == 16;
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
