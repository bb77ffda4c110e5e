package dev.vprompt.engine.image;

/**
 * PNG scanline un-filtering (PNG specification, section 9.2): reverses the filter a scanline was written with, in
 * place, given the previous (already un-filtered) scanline. Thread-safe: stateless.
 */
final class Unfilter {

    private Unfilter() {}

    /**
     * @param type the scanline's filter byte (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth)
     * @param row the filtered scanline, un-filtered in place
     * @param prev the previous scanline after un-filtering (all zero for the first)
     * @param bpp bytes per complete pixel, at least 1
     * @throws ImageDecodeException {@code CORRUPT} for an unknown filter type
     */
    static void apply(int type, byte[] row, byte[] prev, int bpp) throws ImageDecodeException {
        int n = row.length;
        switch (type) {
            case 0 -> {}
            case 1 -> {
                for (int i = bpp; i < n; i++) {
                    row[i] += row[i - bpp];
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    row[i] += prev[i];
                }
            }
            case 3 -> {
                for (int i = 0; i < bpp; i++) {
                    row[i] += (byte) ((prev[i] & 0xFF) >>> 1);
                }
                for (int i = bpp; i < n; i++) {
                    row[i] += (byte) (((row[i - bpp] & 0xFF) + (prev[i] & 0xFF)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < bpp; i++) {
                    row[i] += prev[i];
                }
                for (int i = bpp; i < n; i++) {
                    row[i] += (byte) paeth(row[i - bpp] & 0xFF, prev[i] & 0xFF, prev[i - bpp] & 0xFF);
                }
            }
            default -> throw PngDecoder.corrupt("unknown PNG row filter " + type);
        }
    }

    private static int paeth(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - 2 * c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }
}
