package dev.vprompt.engine.image;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes {@link RgbImage}s as PNG: 8-bit RGB, 8-bit gray, or 1-bit gray for black/white masks. A small direct writer
 * (one IDAT chunk, the "Up" row filter), several times cheaper in CPU than the JDK's ImageIO writer for the 224x224
 * canvases and masks the worker publishes, at a larger size. RGB images are compressed by {@link HuffmanDeflate}
 * (literals only, a Huffman code of their own bytes: half of zlib's fastest level's CPU, for 1.1-1.7 times its
 * size), gray ones and masks by zlib's fastest level (their runs compress to a few hundred bytes). "Up" beats "Sub" here on both
 * counts: it has no dependency between neighbouring bytes, and the canvases' cells and masks repeat from row to row.
 * Output goes to memory only.
 *
 * <p>Thread-safe: stateless; every call has its own {@link Deflater}, ended before it returns.
 */
public final class PngCodec {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Sum of 2^(63 - 9k), k = 0..7: moves bit 8k of a long to bit 63 - k. */
    private static final long GATHER_TOP_BITS = 0x8040201008040201L;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int COLOR_GRAY = 0;
    private static final int COLOR_RGB = 2;
    private static final int FILTER_NONE = 0;
    private static final int FILTER_UP = 2;
    /** Length, type and CRC around a chunk's data. */
    private static final int CHUNK_OVERHEAD = 12;

    private static final byte[] IHDR = "IHDR".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDAT = "IDAT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IEND = "IEND".getBytes(StandardCharsets.US_ASCII);

    private PngCodec() {}

    /** An 8-bit RGB PNG of {@code image}. */
    public static byte[] encode(RgbImage image) {
        return write(image.pixels(), image.width(), image.height(), 3 * image.width(), 8, COLOR_RGB);
    }

    /**
     * A grayscale PNG of {@code image}: each pixel becomes Pillow's {@code L} value
     * ({@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}), which for masks (equal channels) is the channel value
     * itself, so {@link ImageDecoder#decodeMask} gives the same image back. 1-bit when every value is 0 or 255 (see
     * {@link #encodeGray(int, int, byte[])}).
     */
    public static byte[] encodeGray(RgbImage image) {
        byte[] px = image.pixels();
        byte[] gray = new byte[image.width() * image.height()];
        for (int i = 0, p = 0; i < gray.length; i++, p += 3) {
            gray[i] = (byte) PilConversion.luma(px[p] & 0xFF, px[p + 1] & 0xFF, px[p + 2] & 0xFF);
        }
        return encodeGray(image.width(), image.height(), gray);
    }

    /**
     * A grayscale PNG of {@code gray}, one byte per pixel, row by row. When every value is 0 or 255 (a black/white
     * mask) the PNG has bit depth 1: an eighth of the data to compress, and decoders (Pillow's mode {@code 1},
     * {@link ImageDecoder}) give back exactly 0 and 255.
     */
    public static byte[] encodeGray(int width, int height, byte[] gray) {
        if (width <= 0 || height <= 0 || gray.length != width * height) {
            throw new IllegalArgumentException(
                    "gray pixels must be " + width + "x" + height + " positive and match, got " + gray.length);
        }
        if (isBilevel(gray)) {
            int rowBytes = (width + 7) / 8;
            return write(packBits(gray, width, height, rowBytes), width, height, rowBytes, 1, COLOR_GRAY);
        }
        return write(gray, width, height, width, 8, COLOR_GRAY);
    }

    private static boolean isBilevel(byte[] gray) {
        for (byte v : gray) {
            if (v != 0 && v != (byte) 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * One bit per pixel, most significant bit first, each row padded to whole bytes (PNG bit depth 1), from pixels
     * that are each 0 or 255. Eight pixels at a time: their top bits, one per byte of a little-endian long, are
     * gathered into one byte by a multiplication whose partial products land on distinct bits (pixel {@code k} of
     * the eight at bit {@code 63 - k}, the rest below or beyond them), so there is no branch per pixel.
     */
    private static byte[] packBits(byte[] gray, int width, int height, int rowBytes) {
        byte[] packed = new byte[rowBytes * height];
        for (int y = 0; y < height; y++) {
            int in = y * width;
            int out = y * rowBytes;
            int x = 0;
            for (; x + 8 <= width; x += 8) {
                long tops = ((long) LONG_LE.get(gray, in + x) >>> 7) & 0x0101010101010101L;
                packed[out + (x >> 3)] = (byte) ((tops * GATHER_TOP_BITS) >>> 56);
            }
            for (; x < width; x++) {
                if (gray[in + x] != 0) {
                    packed[out + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return packed;
    }

    private static byte[] write(byte[] px, int width, int height, int rowBytes, int bitDepth, int colorType) {
        byte[] idat;
        if (colorType == COLOR_RGB) {
            long[] counts = new long[256];
            byte[] filtered = filter(px, rowBytes, 0, height, counts);
            idat = HuffmanDeflate.zlib(filtered, counts);
        } else {
            idat = deflateFast(filter(px, rowBytes, 0, height));
        }
        return assemble(ihdr(width, height, bitDepth, colorType), idat);
    }

    /**
     * Rows {@code [fromRow, toRow)} of {@code px} as PNG filters them here: each row its filter byte, then "Up"
     * differences to the row above (row 0: "None").
     */
    static byte[] filter(byte[] px, int rowBytes, int fromRow, int toRow) {
        byte[] filtered = new byte[(rowBytes + 1) * (toRow - fromRow)];
        for (int y = fromRow; y < toRow; y++) {
            int in = y * rowBytes;
            int out = (y - fromRow) * (rowBytes + 1);
            if (y == 0) {
                filtered[out] = FILTER_NONE;
                System.arraycopy(px, 0, filtered, out + 1, rowBytes);
                continue;
            }
            filtered[out++] = FILTER_UP;
            // one index per row, so the JIT can vectorise the subtraction
            for (int x = 0; x < rowBytes; x++) {
                filtered[out + x] = (byte) (px[in + x] - px[in - rowBytes + x]);
            }
        }
        return filtered;
    }

    /**
     * {@link #filter(byte[], int, int, int)}, adding the histogram of the filtered bytes to {@code counts} in the same
     * pass (for {@link HuffmanDeflate}), in four interleaved tables so that runs of equal bytes do not chain every
     * increment to the previous one's store.
     */
    static byte[] filter(byte[] px, int rowBytes, int fromRow, int toRow, long[] counts) {
        byte[] filtered = new byte[(rowBytes + 1) * (toRow - fromRow)];
        int[] c0 = new int[256];
        int[] c1 = new int[256];
        int[] c2 = new int[256];
        int[] c3 = new int[256];
        for (int y = fromRow; y < toRow; y++) {
            int in = y * rowBytes;
            int out = (y - fromRow) * (rowBytes + 1);
            int above = in - rowBytes;
            boolean first = y == 0;
            filtered[out++] = (byte) (first ? FILTER_NONE : FILTER_UP);
            c0[first ? FILTER_NONE : FILTER_UP]++;
            int x = 0;
            if (first) {
                for (; x < rowBytes; x++) {
                    byte d = px[in + x];
                    filtered[out + x] = d;
                    c0[d & 0xFF]++;
                }
                continue;
            }
            for (; x + 3 < rowBytes; x += 4) {
                byte d0 = (byte) (px[in + x] - px[above + x]);
                byte d1 = (byte) (px[in + x + 1] - px[above + x + 1]);
                byte d2 = (byte) (px[in + x + 2] - px[above + x + 2]);
                byte d3 = (byte) (px[in + x + 3] - px[above + x + 3]);
                filtered[out + x] = d0;
                filtered[out + x + 1] = d1;
                filtered[out + x + 2] = d2;
                filtered[out + x + 3] = d3;
                c0[d0 & 0xFF]++;
                c1[d1 & 0xFF]++;
                c2[d2 & 0xFF]++;
                c3[d3 & 0xFF]++;
            }
            for (; x < rowBytes; x++) {
                byte d = (byte) (px[in + x] - px[above + x]);
                filtered[out + x] = d;
                c0[d & 0xFF]++;
            }
        }
        for (int v = 0; v < 256; v++) {
            counts[v] += (long) c0[v] + c1[v] + c2[v] + c3[v];
        }
        return filtered;
    }

    /** The IHDR chunk's data of an 8-bit RGB image. */
    static byte[] ihdrRgb(int width, int height) {
        return ihdr(width, height, 8, COLOR_RGB);
    }

    private static byte[] ihdr(int width, int height, int bitDepth, int colorType) {
        return ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) bitDepth)
                .put((byte) colorType)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .array();
    }

    /** A PNG of one header and the zlib stream split over one IDAT chunk per part, written at its exact size. */
    static byte[] assemble(byte[] ihdr, byte[]... idatParts) {
        int size = SIGNATURE.length + CHUNK_OVERHEAD + ihdr.length + CHUNK_OVERHEAD;
        for (byte[] part : idatParts) {
            size += CHUNK_OVERHEAD + part.length;
        }
        ByteBuffer png = ByteBuffer.allocate(size);
        png.put(SIGNATURE);
        chunk(png, IHDR, ihdr);
        for (byte[] part : idatParts) {
            chunk(png, IDAT, part);
        }
        chunk(png, IEND, new byte[0]);
        return png.array();
    }

    /**
     * A PNG of one header and two IDAT chunks: {@code zlibHead}, the opening part of the zlib stream (checksum {@code
     * headAdler}), then the rows {@code [fromRow, toRow)} of {@code px} unfiltered as stored deflate blocks ({@link
     * HuffmanDeflate#storedRows}), copied once, straight into the result at its exact size.
     */
    static byte[] assembleStoredRows(
            byte[] ihdr, byte[] zlibHead, int headAdler, byte[] px, int rowBytes, int fromRow, int toRow) {
        int tail = HuffmanDeflate.storedRowsLength(rowBytes, toRow - fromRow);
        int size = SIGNATURE.length + CHUNK_OVERHEAD + ihdr.length + 3 * CHUNK_OVERHEAD + zlibHead.length + tail;
        ByteBuffer png = ByteBuffer.allocate(size);
        png.put(SIGNATURE);
        chunk(png, IHDR, ihdr);
        chunk(png, IDAT, zlibHead);
        int start = png.position();
        png.putInt(tail).put(IDAT);
        png.position(HuffmanDeflate.storedRows(px, rowBytes, fromRow, toRow, headAdler, png.array(), png.position()));
        closeChunk(png, start);
        chunk(png, IEND, new byte[0]);
        return png.array();
    }

    /** zlib's fastest level: masks are mostly runs, which its string matching packs into a few hundred bytes. */
    private static byte[] deflateFast(byte[] filtered) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(filtered.length / 2 + 64);
        try {
            deflater.setInput(filtered);
            deflater.finish();
            byte[] buf = new byte[32 * 1024];
            while (!deflater.finished()) {
                idat.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        return idat.toByteArray();
    }

    private static void chunk(ByteBuffer out, byte[] type, byte[] data) {
        int start = out.position();
        out.putInt(data.length).put(type).put(data);
        closeChunk(out, start);
    }

    /** Appends the CRC of the chunk that starts at {@code start} (its length field) and ends at the position. */
    private static void closeChunk(ByteBuffer out, int start) {
        CRC32 crc = new CRC32();
        crc.update(out.array(), start + 4, out.position() - start - 4);
        out.putInt((int) crc.getValue());
    }
}
