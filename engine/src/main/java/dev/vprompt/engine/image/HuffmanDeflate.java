package dev.vprompt.engine.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950) of one dynamic-Huffman deflate block (RFC 1951) without string matching: every byte is a
 * literal coded by a Huffman code built from the data's own byte histogram, which the caller counts ({@link PngCodec}
 * does it while filtering). On PNG rows after the "Up" filter (mostly small values) that is one coding pass: half the
 * CPU of zlib's fastest level for 1.1-1.7 times its size (BENCHMARKS.md, "Per-stage JMH benchmarks"); any inflater
 * reads it.
 *
 * <p>The trees are complete (a Huffman code of at least two symbols), as zlib's inflater requires: the literal tree
 * always holds the end-of-block symbol besides the data's bytes, and the distance tree (unused) two codes of one bit.
 * Code lengths are limited to 15 bits (7 for the code-length code) by halving the counts until the tree fits.
 *
 * <p>A stream can also be written in two parts ({@link #zlibHead}, {@link #zlibTail}) so that a repeating opening is
 * coded once ({@link RepeatingRowsPng}).
 *
 * <p>Thread-safe: stateless.
 */
final class HuffmanDeflate {

    private static final int END_OF_BLOCK = 256;
    private static final int LITERALS = 257;
    private static final int MAX_BITS = 15;
    private static final int MAX_CODE_LENGTH_BITS = 7;
    private static final int ADLER_BASE = 65521;
    /** The most bytes one stored block holds (its LEN field is 16 bits). */
    private static final int MAX_STORED = 65535;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The order in which the code-length code's lengths are sent (RFC 1951, 3.2.7). */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private HuffmanDeflate() {}

    /** The zlib stream of {@code data}, whose byte histogram the caller counted ({@code counts[0..255]}). */
    static byte[] zlib(byte[] data, long[] counts) {
        BlockCode code = BlockCode.of(counts, data.length);
        BitWriter out = new BitWriter(code.capacity());
        header(out);
        code.write(out, data, 0, data.length, true);
        out.alignToByte();
        trailer(out, adler32(data, 0, data.length));
        return out.toByteArray();
    }

    /**
     * The opening part of a zlib stream whose data begins with {@code data[off, off + len)} (byte histogram
     * {@code counts}): the header, one non-final block of those bytes and an empty stored block, so the part ends on a
     * byte boundary and {@link #zlibTail} can follow it byte for byte (zlib's "sync flush").
     */
    static byte[] zlibHead(byte[] data, int off, int len, long[] counts) {
        BlockCode code = BlockCode.of(counts, len);
        BitWriter out = new BitWriter(code.capacity());
        header(out);
        code.write(out, data, off, len, false);
        out.write(0, 1); // BFINAL
        out.write(0, 2); // BTYPE: stored
        out.alignToByte();
        out.write(0x0000, 16); // LEN
        out.write(0xFFFF, 16); // NLEN
        return out.toByteArray();
    }

    /**
     * The closing part of a zlib stream: one final block of {@code data[off, off + len)} (byte histogram
     * {@code counts}) and the Adler-32 of the whole stream's data, whose opening part ({@link #zlibHead}) had checksum
     * {@code headAdler}.
     */
    static byte[] zlibTail(byte[] data, int off, int len, long[] counts, int headAdler) {
        BlockCode code = BlockCode.of(counts, len);
        BitWriter out = new BitWriter(code.capacity());
        code.write(out, data, off, len, true);
        out.alignToByte();
        trailer(out, adler32Combine(headAdler, adler32(data, off, len), len));
        return out.toByteArray();
    }

    /** Bytes of {@link #storedRows}' output for {@code rows} rows of {@code rowBytes} bytes. */
    static int storedRowsLength(int rowBytes, int rows) {
        int len = (rowBytes + 1) * rows;
        return len + 5 * storedBlocks(len) + 4;
    }

    /**
     * The closing part of a zlib stream as stored (uncompressed) blocks, written into {@code out} from {@code at}: the
     * rows {@code [fromRow, toRow)} of {@code px} as PNG writes them unfiltered (filter byte "None", then the row),
     * copied straight from the pixels in blocks of at most 65,535 bytes, the last one final, then the Adler-32 of the
     * whole stream's data, whose opening part ({@link #zlibHead}, which ends on a byte boundary) had checksum {@code
     * headAdler}. One copy and a checksum; {@link #storedRowsLength} bytes.
     *
     * @return the index in {@code out} after the last byte written
     */
    static int storedRows(byte[] px, int rowBytes, int fromRow, int toRow, int headAdler, byte[] out, int at) {
        int stride = rowBytes + 1;
        int len = stride * (toRow - fromRow);
        int blocks = storedBlocks(len);
        Adler32 adler = new Adler32();
        int o = at;
        int t = 0; // offset in the unfiltered rows' stream
        for (int b = 0; b < blocks; b++) {
            int n = Math.min(MAX_STORED, len - t);
            out[o++] = (byte) (b == blocks - 1 ? 1 : 0); // BFINAL, BTYPE 00 (stored), padding to the byte
            out[o++] = (byte) n;
            out[o++] = (byte) (n >>> 8);
            out[o++] = (byte) ~n;
            out[o++] = (byte) (~n >>> 8);
            int payload = o;
            for (int end = t + n; t < end; ) {
                int row = t / stride;
                int col = t % stride;
                if (col == 0) {
                    out[o++] = 0; // filter "None"
                    t++;
                    continue;
                }
                int k = Math.min(stride - col, end - t);
                System.arraycopy(px, (fromRow + row) * rowBytes + col - 1, out, o, k);
                o += k;
                t += k;
            }
            adler.update(out, payload, n);
        }
        int check = adler32Combine(headAdler, (int) adler.getValue(), len);
        out[o++] = (byte) (check >>> 24);
        out[o++] = (byte) (check >>> 16);
        out[o++] = (byte) (check >>> 8);
        out[o++] = (byte) check;
        return o;
    }

    private static int storedBlocks(int len) {
        return Math.max(1, (len + MAX_STORED - 1) / MAX_STORED);
    }

    static int adler32(byte[] data, int off, int len) {
        Adler32 adler = new Adler32();
        adler.update(data, off, len);
        return (int) adler.getValue();
    }

    /**
     * The Adler-32 of {@code a || b} from those of {@code a} and {@code b} and {@code b}'s length. With A = 1 + the sum
     * of the bytes and B = the sum of every prefix's A (both mod 65521): A = A(a) + A(b) - 1, and each of b's bytes
     * adds A(a) - 1 more to its prefix's A than in b alone, so B = B(a) + B(b) + len(b) (A(a) - 1).
     */
    static int adler32Combine(int adlerA, int adlerB, long lengthB) {
        long aA = adlerA & 0xFFFF;
        long bA = (adlerA >>> 16) & 0xFFFF;
        long aB = adlerB & 0xFFFF;
        long bB = (adlerB >>> 16) & 0xFFFF;
        long a = Math.floorMod(aA + aB - 1, ADLER_BASE);
        long b = Math.floorMod(bA + bB + (lengthB % ADLER_BASE) * Math.floorMod(aA - 1, ADLER_BASE), ADLER_BASE);
        return (int) (b << 16 | a);
    }

    private static void header(BitWriter out) {
        out.write(0x78, 8); // CMF: deflate, 32 KiB window
        out.write(0x01, 8); // FLG: fastest, no dictionary; (0x78 << 8 | 0x01) % 31 == 0
    }

    private static void trailer(BitWriter out, int check) {
        out.write((check >>> 24) & 0xFF, 8);
        out.write((check >>> 16) & 0xFF, 8);
        out.write((check >>> 8) & 0xFF, 8);
        out.write(check & 0xFF, 8);
    }

    /**
     * The code of one dynamic-Huffman block of literals, built from the bytes' histogram, and the block's exact size, so
     * the writer is allocated once at the size it needs.
     */
    private record BlockCode(
            int[] litLengths, int[] litCodes, int[] all, int[] clLengths, int[] clCodes, int hclen, long bits) {

        private static final int[] DIST_LENGTHS = {1, 1};

        static BlockCode of(long[] byteCounts, int len) {
            long[] counts = Arrays.copyOf(byteCounts, LITERALS);
            counts[END_OF_BLOCK] = 1;
            if (len == 0) {
                counts[0] = 1; // a complete code needs two symbols; this one is never sent
            }
            int[] litLengths = lengths(counts, MAX_BITS);
            int[] all = new int[LITERALS + DIST_LENGTHS.length];
            System.arraycopy(litLengths, 0, all, 0, LITERALS);
            System.arraycopy(DIST_LENGTHS, 0, all, LITERALS, DIST_LENGTHS.length);
            long[] lengthCounts = new long[19];
            for (int l : all) {
                lengthCounts[l]++;
            }
            int[] clLengths = lengths(lengthCounts, MAX_CODE_LENGTH_BITS);
            int hclen = CODE_LENGTH_ORDER.length;
            while (hclen > 4 && clLengths[CODE_LENGTH_ORDER[hclen - 1]] == 0) {
                hclen--;
            }
            long bits = 3 + 5 + 5 + 4 + 3L * hclen + litLengths[END_OF_BLOCK];
            for (int l : all) {
                bits += clLengths[l];
            }
            for (int v = 0; v < 256; v++) {
                bits += byteCounts[v] * litLengths[v];
            }
            return new BlockCode(litLengths, codes(litLengths), all, clLengths, codes(clLengths), hclen, bits);
        }

        /** Bytes a writer needs for this block plus a zlib header, a sync flush or trailer, and slack. */
        int capacity() {
            return (int) Math.min(Integer.MAX_VALUE - 64, bits / 8 + 64);
        }

        void write(BitWriter out, byte[] data, int off, int len, boolean last) {
            out.write(last ? 1 : 0, 1); // BFINAL
            out.write(2, 2); // BTYPE: dynamic Huffman
            out.write(LITERALS - 257, 5);
            out.write(DIST_LENGTHS.length - 1, 5);
            out.write(hclen - 4, 4);
            for (int i = 0; i < hclen; i++) {
                out.write(clLengths[CODE_LENGTH_ORDER[i]], 3);
            }
            for (int l : all) {
                out.write(clCodes[l], clLengths[l]);
            }
            int[] packed = new int[256];
            for (int v = 0; v < 256; v++) {
                packed[v] = litCodes[v] << 4 | litLengths[v]; // codes up to 15 bits, lengths up to 15
            }
            out.writeAll(data, off, len, packed);
            out.write(litCodes[END_OF_BLOCK], litLengths[END_OF_BLOCK]);
        }
    }

    /**
     * Huffman code lengths of the symbols with a non-zero count (0 for the others), at most {@code maxBits} long. At
     * least two symbols must have a count (the caller guarantees it), so the code is complete.
     */
    static int[] lengths(long[] counts, int maxBits) {
        long[] c = counts.clone();
        while (true) {
            int[] lengths = huffmanLengths(c);
            if (Arrays.stream(lengths).max().orElse(0) <= maxBits) {
                return lengths;
            }
            for (int i = 0; i < c.length; i++) {
                if (c[i] > 0) {
                    c[i] = (c[i] + 1) / 2; // flatter counts, shallower tree; used symbols stay used
                }
            }
        }
    }

    /**
     * Unlimited Huffman code lengths: the used symbols sorted by count, then the two-queue construction (leaves in
     * order, merged nodes in the order they are made, which is by weight), so a code costs a sort of at most 257 keys.
     */
    private static int[] huffmanLengths(long[] counts) {
        int n = counts.length;
        long[] keys = new long[n];
        int m = 0;
        for (int s = 0; s < n; s++) {
            if (counts[s] > 0) {
                keys[m++] = (counts[s] << 9) | s; // counts stay far below 2^54; symbols below 2^9
            }
        }
        if (m < 2) {
            throw new IllegalArgumentException("a Huffman code needs at least two symbols, got " + m);
        }
        Arrays.sort(keys, 0, m);
        long[] weight = new long[2 * m - 1];
        int[] parent = new int[2 * m - 1];
        for (int l = 0; l < m; l++) {
            weight[l] = keys[l] >>> 9;
        }
        int leaf = 0;
        int merged = m;
        for (int node = m; node < 2 * m - 1; node++) {
            int a = leaf < m && (merged >= node || weight[leaf] <= weight[merged]) ? leaf++ : merged++;
            int b = leaf < m && (merged >= node || weight[leaf] <= weight[merged]) ? leaf++ : merged++;
            weight[node] = weight[a] + weight[b];
            parent[a] = node;
            parent[b] = node;
        }
        int[] depth = new int[2 * m - 1];
        for (int node = 2 * m - 3; node >= 0; node--) {
            depth[node] = depth[parent[node]] + 1; // a parent always comes after its children
        }
        int[] lengths = new int[n];
        for (int l = 0; l < m; l++) {
            lengths[(int) (keys[l] & 0x1FF)] = depth[l];
        }
        return lengths;
    }

    /** Canonical codes of {@code lengths} (RFC 1951, 3.2.2), bit-reversed so they can be written LSB first. */
    static int[] codes(int[] lengths) {
        int[] perLength = new int[MAX_BITS + 1];
        for (int l : lengths) {
            perLength[l]++;
        }
        perLength[0] = 0;
        int[] next = new int[MAX_BITS + 2];
        int code = 0;
        for (int bits = 1; bits <= MAX_BITS; bits++) {
            code = (code + perLength[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int l = lengths[s];
            if (l > 0) {
                codes[s] = Integer.reverse(next[l]++) >>> (32 - l);
            }
        }
        return codes;
    }

    /** Bits written least significant first into a growing byte array. Not thread-safe. */
    private static final class BitWriter {
        private byte[] bytes;
        private int size;
        private long buffer;
        private int bits;

        BitWriter(int capacity) {
            bytes = new byte[capacity];
        }

        void write(int value, int count) {
            buffer |= ((long) value) << bits;
            bits += count;
            if (bits >= 32) {
                ensure(4);
                bytes[size++] = (byte) buffer;
                bytes[size++] = (byte) (buffer >>> 8);
                bytes[size++] = (byte) (buffer >>> 16);
                bytes[size++] = (byte) (buffer >>> 24);
                buffer >>>= 32;
                bits -= 32;
            }
        }

        /**
         * Each byte of {@code data[off, off + len)} as {@code packed[byte]}: its code above 4 bits of length. Bytes go
         * in pairs (two codes of at most 15 bits fit beside the at most 31 bits pending in the 64-bit buffer), so the
         * buffer's dependency chain is half as long; 32 bits go out in one little-endian store. Needs no growth when
         * the writer was sized by {@link BlockCode#capacity}.
         */
        void writeAll(byte[] data, int off, int len, int[] packed) {
            long buf = buffer;
            int n = bits;
            int o = size;
            byte[] b = bytes;
            int i = off;
            int end = off + len;
            for (; i + 1 < end; i += 2) {
                int e1 = packed[data[i] & 0xFF];
                int e2 = packed[data[i + 1] & 0xFF];
                int l1 = e1 & 0xF;
                long pair = (e1 >>> 4) | ((long) (e2 >>> 4) << l1);
                buf |= pair << n;
                n += l1 + (e2 & 0xF);
                if (n >= 32) {
                    INT_LE.set(b, o, (int) buf);
                    o += 4;
                    buf >>>= 32;
                    n -= 32;
                }
            }
            buffer = buf;
            bits = n;
            size = o;
            if (i < end) {
                int e = packed[data[i] & 0xFF];
                write(e >>> 4, e & 0xF);
            }
        }

        void alignToByte() {
            while (bits > 0) {
                ensure(1);
                bytes[size++] = (byte) buffer;
                buffer >>>= 8;
                bits = Math.max(0, bits - 8);
            }
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
