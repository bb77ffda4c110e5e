package dev.vprompt.engine.image;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950) of one dynamic-Huffman deflate block (RFC 1951) without string matching: every byte is a
 * literal coded by a Huffman code built from the data's own byte histogram. On PNG rows after the "Up" filter (mostly
 * small values) that is one histogram pass and one coding pass: half the CPU of zlib's fastest level for 1.1-1.7 times
 * its size (BENCHMARKS.md, "Per-stage JMH benchmarks"); any inflater reads it.
 *
 * <p>The trees are complete (a Huffman code of at least two symbols), as zlib's inflater requires: the literal tree
 * always holds the end-of-block symbol besides the data's bytes, and the distance tree (unused) two codes of one bit.
 * Code lengths are limited to 15 bits (7 for the code-length code) by halving the counts until the tree fits.
 *
 * <p>Thread-safe: stateless.
 */
final class HuffmanDeflate {

    private static final int END_OF_BLOCK = 256;
    private static final int LITERALS = 257;
    private static final int MAX_BITS = 15;
    private static final int MAX_CODE_LENGTH_BITS = 7;
    /** The order in which the code-length code's lengths are sent (RFC 1951, 3.2.7). */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private HuffmanDeflate() {}

    /** The zlib stream of {@code data}. */
    static byte[] zlib(byte[] data) {
        long[] counts = new long[LITERALS];
        for (byte b : data) {
            counts[b & 0xFF]++;
        }
        counts[END_OF_BLOCK] = 1;
        int[] litLengths = lengths(counts, MAX_BITS);
        int[] litCodes = codes(litLengths);
        int[] distLengths = {1, 1};

        int[] all = new int[LITERALS + distLengths.length];
        System.arraycopy(litLengths, 0, all, 0, LITERALS);
        System.arraycopy(distLengths, 0, all, LITERALS, distLengths.length);
        long[] lengthCounts = new long[19];
        for (int l : all) {
            lengthCounts[l]++;
        }
        int[] clLengths = lengths(lengthCounts, MAX_CODE_LENGTH_BITS);
        int[] clCodes = codes(clLengths);
        int hclen = CODE_LENGTH_ORDER.length;
        while (hclen > 4 && clLengths[CODE_LENGTH_ORDER[hclen - 1]] == 0) {
            hclen--;
        }

        // worst case: every byte takes a 15-bit code; the headers take under 300 bytes
        BitWriter out = new BitWriter((int) Math.min(Integer.MAX_VALUE - 16, (long) data.length * MAX_BITS / 8 + 1024));
        out.write(0x78, 8); // CMF: deflate, 32 KiB window
        out.write(0x01, 8); // FLG: fastest, no dictionary; (0x78 << 8 | 0x01) % 31 == 0
        out.write(1, 1); // BFINAL
        out.write(2, 2); // BTYPE: dynamic Huffman
        out.write(LITERALS - 257, 5);
        out.write(distLengths.length - 1, 5);
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
        out.writeAll(data, packed);
        out.write(litCodes[END_OF_BLOCK], litLengths[END_OF_BLOCK]);
        out.alignToByte();
        Adler32 adler = new Adler32();
        adler.update(data);
        long check = adler.getValue();
        out.write((int) (check >>> 24) & 0xFF, 8);
        out.write((int) (check >>> 16) & 0xFF, 8);
        out.write((int) (check >>> 8) & 0xFF, 8);
        out.write((int) check & 0xFF, 8);
        return out.toByteArray();
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

        /** Each byte of {@code data} as {@code packed[byte]}: its code above 4 bits of length. Needs no growth. */
        void writeAll(byte[] data, int[] packed) {
            long buf = buffer;
            int n = bits;
            int o = size;
            byte[] b = bytes;
            for (byte d : data) {
                int e = packed[d & 0xFF];
                buf |= ((long) (e >>> 4)) << n;
                n += e & 0xF;
                if (n >= 32) {
                    b[o] = (byte) buf;
                    b[o + 1] = (byte) (buf >>> 8);
                    b[o + 2] = (byte) (buf >>> 16);
                    b[o + 3] = (byte) (buf >>> 24);
                    o += 4;
                    buf >>>= 32;
                    n -= 32;
                }
            }
            buffer = buf;
            bits = n;
            size = o;
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
