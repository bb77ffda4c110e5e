package dev.vprompt.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/**
 * Turns the raw samples of a decoded image into the 8-bit RGB values Pillow 9.4 gives for
 * {@code Image.open(f).convert('RGB')}, and the mask values of {@code convert('L')}. The samples are read straight from
 * the {@link Raster}, so no colour management, gamma or ICC conversion of Java2D is involved.
 *
 * <ul>
 *   <li>Alpha is dropped, never composited; gray is replicated to three channels.
 *   <li>Palette images are looked up in their palette.
 *   <li>1, 2 and 4-bit gray are scaled to 0..255 ({@code v * 255 / (2^bits - 1)}, Pillow's {@code L;2}/{@code L;4}
 *       and {@code 1} modes).
 *   <li>16-bit samples keep their most significant byte (Pillow's {@code RGB;16B}, {@code RGBA;16B},
 *       {@code LA;16B} raw modes), except 16-bit gray without alpha, which Pillow 9 opens as 32-bit mode
 *       {@code I} and <em>clips</em> to 0..255 when converting (so values of 255 and above become white).
 *   <li>CMYK (JPEG after the reader has undone Adobe's inversion and YCCK, TIFF): Pillow's {@code cmyk2rgb},
 *       {@code R = nk - MULDIV255(C, nk)} with {@code nk = 255 - K} and {@code MULDIV255(a, b) = (t + (t >> 8)) >> 8},
 *       {@code t = a * b + 128} (no colour profile).
 *   <li>Masks: {@code L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16} (Pillow's {@code L24}), replicated to three
 *       channels; for gray inputs this is the identity.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class PilConversion {

    private PilConversion() {}

    /**
     * The RGB image Pillow would produce.
     *
     * @param clipSixteenBitGray true when the source is a 16-bit gray PNG without alpha (Pillow mode {@code I})
     * @throws IllegalArgumentException when the colour model is neither gray, RGB nor CMYK
     */
    static RgbImage toRgb(BufferedImage image, boolean clipSixteenBitGray) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[3 * w * h];
        if (cm instanceof IndexColorModel icm) {
            fromPalette(raster, icm, out);
        } else if (isCmyk(cm)) {
            fromCmyk(raster, out);
        } else {
            int colors = cm.getNumColorComponents();
            if (colors != 1 && colors != 3) {
                throw new IllegalArgumentException("unsupported colour model with " + colors + " components");
            }
            if (!fastInterleavedBytes(raster, colors, out)) {
                fromSamples(raster, colors, clipSixteenBitGray, out);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** True for a 4-component CMYK colour model (no alpha). */
    static boolean isCmyk(ColorModel cm) {
        return cm.getNumColorComponents() == 4
                && !cm.hasAlpha()
                && cm.getColorSpace().getType() == ColorSpace.TYPE_CMYK;
    }

    /** Replaces every pixel of {@code rgb} by Pillow's {@code L} value in all three channels. */
    static RgbImage toMask(RgbImage rgb) {
        byte[] px = rgb.pixels();
        for (int i = 0; i < px.length; i += 3) {
            int l = luma(px[i] & 0xFF, px[i + 1] & 0xFF, px[i + 2] & 0xFF);
            px[i] = (byte) l;
            px[i + 1] = (byte) l;
            px[i + 2] = (byte) l;
        }
        return rgb;
    }

    /** Pillow's ITU-R 601-2 luma in 16-bit fixed point ({@code L24 >> 16}). */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    private static void fromPalette(Raster raster, IndexColorModel icm, byte[] out) {
        int size = icm.getMapSize();
        byte[] reds = new byte[size];
        byte[] greens = new byte[size];
        byte[] blues = new byte[size];
        icm.getReds(reds);
        icm.getGreens(greens);
        icm.getBlues(blues);
        int w = raster.getWidth();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int idx = row[x];
                if (idx < size) {
                    out[o] = reds[idx];
                    out[o + 1] = greens[idx];
                    out[o + 2] = blues[idx];
                }
                o += 3;
            }
        }
    }

    /** Copies 8-bit pixel-interleaved byte rasters (the usual JPEG/PNG case) without per-sample calls. */
    private static boolean fastInterleavedBytes(Raster raster, int colors, byte[] out) {
        SampleModel sm = raster.getSampleModel();
        if (!(raster.getDataBuffer() instanceof DataBufferByte dbb)
                || !(sm instanceof PixelInterleavedSampleModel psm)
                || dbb.getNumBanks() != 1
                || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0) {
            return false;
        }
        for (int b = 0; b < psm.getNumBands(); b++) {
            if (psm.getSampleSize(b) != 8) {
                return false;
            }
        }
        byte[] data = dbb.getData();
        int[] bandOffsets = psm.getBandOffsets();
        int base = dbb.getOffset();
        int stride = psm.getPixelStride();
        int r = bandOffsets[0];
        int g = colors == 3 ? bandOffsets[1] : r;
        int b = colors == 3 ? bandOffsets[2] : r;
        int w = raster.getWidth();
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            int p = base + y * psm.getScanlineStride();
            for (int x = 0; x < w; x++, p += stride, o += 3) {
                out[o] = data[p + r];
                out[o + 1] = data[p + g];
                out[o + 2] = data[p + b];
            }
        }
        return true;
    }

    private static void fromCmyk(Raster raster, byte[] out) {
        int w = raster.getWidth();
        int[] row = new int[w * 4];
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int p = 0; p < row.length; p += 4, o += 3) {
                int nk = 255 - row[p + 3];
                out[o] = (byte) (nk - mulDiv255(row[p], nk));
                out[o + 1] = (byte) (nk - mulDiv255(row[p + 1], nk));
                out[o + 2] = (byte) (nk - mulDiv255(row[p + 2], nk));
            }
        }
    }

    /** Pillow's {@code MULDIV255}: {@code a * b / 255} rounded, in integers. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }

    private static void fromSamples(Raster raster, int colors, boolean clipSixteenBitGray, byte[] out) {
        int bands = raster.getNumBands();
        SampleModel sm = raster.getSampleModel();
        int bits = sm.getSampleSize(0);
        int bitsG = colors == 3 ? sm.getSampleSize(1) : bits;
        int bitsB = colors == 3 ? sm.getSampleSize(2) : bits;
        int w = raster.getWidth();
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++, o += 3) {
                int p = x * bands;
                if (colors == 1) {
                    byte v = (byte) to8(row[p], bits, clipSixteenBitGray);
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                } else {
                    out[o] = (byte) to8(row[p], bits, false);
                    out[o + 1] = (byte) to8(row[p + 1], bitsG, false);
                    out[o + 2] = (byte) to8(row[p + 2], bitsB, false);
                }
            }
        }
    }

    private static int to8(int v, int bits, boolean clip) {
        if (bits == 8) {
            return v;
        }
        if (bits == 16) {
            return clip ? Math.min(v, 255) : v >>> 8;
        }
        if (bits < 8) {
            return v * 255 / ((1 << bits) - 1);
        }
        throw new IllegalArgumentException("unsupported sample size " + bits);
    }
}
