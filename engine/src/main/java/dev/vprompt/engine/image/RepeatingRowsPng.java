package dev.vprompt.engine.image;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * RGB PNGs of images whose leading rows repeat from one image to the next, coded once. The worker's
 * {@code prediction.png} is the canvas the model saw with the answer pasted in: every row above the answer cell is the
 * example pair, the same for every job that shares it (a labeling pipeline's normal case), and coding those rows was
 * half of the PNG's cost.
 *
 * <p>The PNG's zlib stream is split at the first row that may change ({@link HuffmanDeflate#zlibHead},
 * {@link HuffmanDeflate#zlibTail}: a block of the head rows ending on a byte boundary, then a final block of the rest,
 * its Adler-32 combined with the head's) and each part goes into its own IDAT chunk, as PNG allows. The head's part is
 * kept in a small cache keyed by the head rows' CRC-32 and checked against a copy of those rows, so a changed or
 * colliding head is never reused: the bytes always decode to the image given. Images without repeating rows cost one
 * CRC and one comparison more than {@link PngCodec#encode} and come out in the same two-part form.
 *
 * <p>Thread-safe: the cache is guarded by its own lock, held only to look up and insert; coding runs outside it (two
 * threads missing the same head at once both code it, and one result is kept).
 */
public final class RepeatingRowsPng {

    /** Heads kept: a few example pairs in flight at once on one worker. */
    public static final int DEFAULT_CAPACITY = 16;

    /** How the rows after the head are coded. */
    public enum Tail {
        /** "Up" filter and a Huffman code of the bytes' histogram: about half the raw size. */
        COMPRESSED,
        /**
         * Unfiltered rows in stored deflate blocks: a copy and a checksum instead of filtering and coding, for a file
         * larger by the tail's raw size less its compressed size.
         */
        STORED
    }

    private record Key(int width, int rows, int crc) {}

    private record Head(byte[] pixels, byte[] zlibHead, int adler) {}

    private final Map<Key, Head> heads;
    private final Tail tail;

    public RepeatingRowsPng() {
        this(DEFAULT_CAPACITY, Tail.COMPRESSED);
    }

    /**
     * @param capacity heads kept, least recently used dropped first
     * @param tail how the rows after the head are coded
     */
    public RepeatingRowsPng(int capacity, Tail tail) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.tail = Objects.requireNonNull(tail, "tail");
        this.heads = new LinkedHashMap<>(2 * capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * An 8-bit RGB PNG of {@code image}, its first {@code headRows} rows coded once per distinct content and the rest
     * as this coder's {@link Tail} says; the whole image coded as by {@link PngCodec#encode} when {@code headRows} is 0
     * or covers the image.
     */
    public byte[] encode(RgbImage image, int headRows) {
        int width = image.width();
        int height = image.height();
        if (headRows <= 0 || headRows >= height) {
            return PngCodec.encode(image);
        }
        byte[] px = image.pixels();
        int rowBytes = 3 * width;
        int headBytes = headRows * rowBytes;
        CRC32 crc = new CRC32();
        crc.update(px, 0, headBytes);
        Key key = new Key(width, headRows, (int) crc.getValue());
        Head head = lookup(key);
        if (head == null || !Arrays.equals(head.pixels(), 0, headBytes, px, 0, headBytes)) {
            head = code(px, rowBytes, headRows);
            store(key, head);
        }
        byte[] ihdr = PngCodec.ihdrRgb(width, height);
        if (tail == Tail.STORED) {
            return PngCodec.assembleStoredRows(ihdr, head.zlibHead(), head.adler(), px, rowBytes, headRows, height);
        }
        long[] counts = new long[256];
        byte[] rows = PngCodec.filter(px, rowBytes, headRows, height, counts);
        return PngCodec.assemble(
                ihdr, head.zlibHead(), HuffmanDeflate.zlibTail(rows, 0, rows.length, counts, head.adler()));
    }

    /** Heads currently kept. */
    public int cachedHeads() {
        synchronized (heads) {
            return heads.size();
        }
    }

    private static Head code(byte[] px, int rowBytes, int headRows) {
        long[] counts = new long[256];
        byte[] filtered = PngCodec.filter(px, rowBytes, 0, headRows, counts);
        return new Head(
                Arrays.copyOf(px, headRows * rowBytes),
                HuffmanDeflate.zlibHead(filtered, 0, filtered.length, counts),
                HuffmanDeflate.adler32(filtered, 0, filtered.length));
    }

    private Head lookup(Key key) {
        synchronized (heads) {
            return heads.get(key);
        }
    }

    private void store(Key key, Head head) {
        synchronized (heads) {
            heads.put(key, head);
        }
    }
}
