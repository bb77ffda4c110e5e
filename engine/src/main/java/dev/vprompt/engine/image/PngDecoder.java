package dev.vprompt.engine.image;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The direct PNG path of {@link ImageDecoder}: non-interlaced images of bit depth 8 (every colour type) and of bit
 * depth 1, 2 or 4 (gray and palette). The concatenated {@code IDAT} data is inflated one scanline at a time
 * straight from the input array, un-filtered (PNG specification, section 9: None, Sub, Up, Average, Paeth) and
 * converted into the RGB result, so the only allocations are the result and two scanlines. The sample rules are
 * {@link PilConversion}'s: alpha dropped, gray replicated, sub-byte gray scaled by {@code 255 / (2^bits - 1)},
 * palette indices looked up (an index past the palette gives black, as the ImageIO path does).
 *
 * <p>Ancillary chunks ({@code tRNS}, {@code gAMA}, {@code iCCP}, ...) are ignored, as Pillow's {@code convert}
 * ignores them; CRCs are not verified (neither does the ImageIO path). Data that ends before the last scanline, a
 * damaged zlib stream, an unknown row filter or a palette image without {@code PLTE} are {@link Reason#CORRUPT}.
 *
 * <p>Thread-safe: each thread reuses one {@link Inflater}, reset before and after every image (creating one per image,
 * with its native zlib state and window, showed in the worker's prepare profile).
 */
final class PngDecoder {

    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

    private static final int CHUNK_OVERHEAD = 12;

    private PngDecoder() {}

    /** True when {@link #decode} handles images with this header; the caller uses ImageIO otherwise. */
    static boolean supports(PngHeader h) {
        if (h.interlace() != 0 || h.channels() == 0) {
            return false;
        }
        if (h.bitDepth() == 8) {
            return true;
        }
        boolean gray = h.colorType() == PngHeader.COLOR_GRAY;
        boolean palette = h.colorType() == PngHeader.COLOR_PALETTE;
        return (gray || palette) && (h.bitDepth() == 1 || h.bitDepth() == 2 || h.bitDepth() == 4);
    }

    /**
     * Decodes an image whose header {@link #supports} and whose size the caller has checked against its limits.
     *
     * @throws ImageDecodeException {@code CORRUPT} when the data is damaged or incomplete
     */
    static RgbImage decode(byte[] png, PngHeader h) throws ImageDecodeException {
        int width = h.width();
        int height = h.height();
        int bitsPerPixel = h.channels() * h.bitDepth();
        int stride = (int) (((long) width * bitsPerPixel + 7) / 8);
        int filterStep = Math.max(1, bitsPerPixel / 8);
        Chunks chunks = new Chunks(png);
        byte[] palette = chunks.paletteBeforeImageData();
        if (h.colorType() == PngHeader.COLOR_PALETTE && palette == null) {
            throw corrupt("palette image without a PLTE chunk");
        }
        RowConverter converter = new RowConverter(h, palette);
        byte[] out = new byte[3 * width * height];
        byte[] previous = new byte[stride];
        byte[] current = new byte[stride];
        byte[] filter = new byte[1];
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        try {
            for (int y = 0; y < height; y++) {
                chunks.inflateFully(inflater, filter, 1);
                chunks.inflateFully(inflater, current, stride);
                Unfilter.apply(filter[0] & 0xFF, current, previous, filterStep);
                converter.convert(current, out, y * width * 3);
                byte[] t = previous;
                previous = current;
                current = t;
            }
        } catch (DataFormatException e) {
            throw new ImageDecodeException(Reason.CORRUPT, "damaged PNG image data: " + e.getMessage(), e);
        } finally {
            inflater.reset(); // drops its reference to this image's bytes
        }
        return new RgbImage(width, height, out);
    }

    static ImageDecodeException corrupt(String message) {
        return new ImageDecodeException(Reason.CORRUPT, message);
    }

    /** Walks the chunks after IHDR and feeds consecutive IDAT chunks to an inflater. */
    private static final class Chunks {
        private final byte[] png;
        private int pos = PngHeader.AFTER_IHDR;
        private boolean inImageData;

        Chunks(byte[] png) {
            this.png = png;
        }

        /** The PLTE data if it comes before the first IDAT; leaves {@link #pos} at the first IDAT. */
        byte[] paletteBeforeImageData() throws ImageDecodeException {
            byte[] palette = null;
            while (true) {
                int length = chunkLength();
                if (isType(pos + 4, "IDAT")) {
                    return palette;
                }
                if (isType(pos + 4, "IEND")) {
                    throw corrupt("PNG without image data");
                }
                if (isType(pos + 4, "PLTE")) {
                    if (length % 3 != 0) {
                        throw corrupt("PLTE length " + length + " is not a multiple of 3");
                    }
                    palette = java.util.Arrays.copyOfRange(png, pos + 8, pos + 8 + length);
                }
                pos += CHUNK_OVERHEAD + length;
            }
        }

        /** Inflates exactly {@code n} bytes into {@code buf}, feeding IDAT chunks as the inflater asks for input. */
        void inflateFully(Inflater inflater, byte[] buf, int n) throws ImageDecodeException, DataFormatException {
            int off = 0;
            while (off < n) {
                int got = inflater.inflate(buf, off, n - off);
                off += got;
                if (got > 0) {
                    continue;
                }
                if (inflater.finished() || inflater.needsDictionary()) {
                    throw corrupt("PNG image data ends before the last row");
                }
                if (inflater.needsInput() && !feed(inflater)) {
                    throw corrupt("truncated PNG: image data ends before the last row");
                }
            }
        }

        /** Gives the inflater the next IDAT chunk's data; false when the IDAT sequence has ended. */
        private boolean feed(Inflater inflater) throws ImageDecodeException {
            while (pos + 8 <= png.length) {
                if (!isType(pos + 4, "IDAT")) {
                    return false;
                }
                int length = chunkLength();
                inflater.setInput(png, pos + 8, length);
                pos += CHUNK_OVERHEAD + length;
                inImageData = true;
                if (length > 0) {
                    return true;
                }
            }
            return false;
        }

        /** The length of the chunk at {@link #pos}, checked to lie within the input. */
        private int chunkLength() throws ImageDecodeException {
            if (pos + 8 > png.length) {
                throw corrupt(inImageData ? "truncated PNG" : "truncated PNG: no image data");
            }
            int length = PngHeader.readInt(png, pos);
            if (length < 0 || (long) pos + CHUNK_OVERHEAD + length > png.length) {
                throw corrupt("truncated PNG: chunk at byte " + pos + " declares " + Integer.toUnsignedString(length)
                        + " bytes");
            }
            return length;
        }

        private boolean isType(int at, String type) {
            return png[at] == type.charAt(0)
                    && png[at + 1] == type.charAt(1)
                    && png[at + 2] == type.charAt(2)
                    && png[at + 3] == type.charAt(3);
        }
    }
}
