package dev.vprompt.engine.image;

/**
 * Turns one un-filtered PNG scanline into RGB bytes with Pillow's {@code convert('RGB')} rules (see
 * {@link PngDecoder} for which variants reach it). Thread-safe: immutable after construction.
 */
final class RowConverter {

    private final int width;
    private final int colorType;
    private final int bitDepth;
    private final byte[] palette;

    RowConverter(PngHeader h, byte[] paletteOrNull) {
        this.width = h.width();
        this.colorType = h.colorType();
        this.bitDepth = h.bitDepth();
        this.palette = paletteOrNull;
    }

    /** Writes {@code width} RGB pixels for {@code row} into {@code out} from {@code o}. */
    void convert(byte[] row, byte[] out, int o) {
        if (bitDepth < 8) {
            packed(row, out, o);
            return;
        }
        switch (colorType) {
            case PngHeader.COLOR_RGB -> System.arraycopy(row, 0, out, o, 3 * width);
            case PngHeader.COLOR_RGBA -> {
                for (int i = 0, p = 0; i < width; i++, p += 4, o += 3) {
                    out[o] = row[p];
                    out[o + 1] = row[p + 1];
                    out[o + 2] = row[p + 2];
                }
            }
            case PngHeader.COLOR_GRAY -> gray(row, 1, out, o);
            case PngHeader.COLOR_GRAY_ALPHA -> gray(row, 2, out, o);
            default -> {
                for (int i = 0; i < width; i++, o += 3) {
                    lookUp(row[i] & 0xFF, out, o);
                }
            }
        }
    }

    private void gray(byte[] row, int step, byte[] out, int o) {
        for (int i = 0, p = 0; i < width; i++, p += step, o += 3) {
            byte v = row[p];
            out[o] = v;
            out[o + 1] = v;
            out[o + 2] = v;
        }
    }

    private void packed(byte[] row, byte[] out, int o) {
        int perByte = 8 / bitDepth;
        int mask = (1 << bitDepth) - 1;
        int scale = 255 / mask;
        for (int i = 0; i < width; i++, o += 3) {
            int shift = 8 - bitDepth * (i % perByte + 1);
            int v = (row[i / perByte] >> shift) & mask;
            if (colorType == PngHeader.COLOR_PALETTE) {
                lookUp(v, out, o);
            } else {
                byte g = (byte) (v * scale);
                out[o] = g;
                out[o + 1] = g;
                out[o + 2] = g;
            }
        }
    }

    private void lookUp(int index, byte[] out, int o) {
        int p = 3 * index;
        if (p + 2 < palette.length) {
            out[o] = palette[p];
            out[o + 1] = palette[p + 1];
            out[o + 2] = palette[p + 2];
        }
    }
}
