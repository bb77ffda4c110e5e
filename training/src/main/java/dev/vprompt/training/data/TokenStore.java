package dev.vprompt.training.data;

import dev.vprompt.engine.canvas.PatchMask;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tokenizer's 196 codebook indices of every stored canvas, computed once so that the MAE trains on tokens without
 * running the VQGAN encoder. Layout: {@code magic, count, codebook size, tokenizer fingerprint} (24 bytes), then
 * {@code count x 196} little-endian 16-bit indices. Held in memory once read (~400 bytes per canvas).
 *
 * <p>Immutable once read; thread-safe.
 */
public final class TokenStore {

    static final int MAGIC = 0x76_70_74_6b; // "vptk"
    static final int HEADER = 24;

    private final short[] tokens;
    private final int count;
    private final long fingerprint;

    private TokenStore(short[] tokens, int count, long fingerprint) {
        this.tokens = tokens;
        this.count = count;
        this.fingerprint = fingerprint;
    }

    /** Writes {@code tokens} ({@code count x 196} indices) tagged with the tokenizer's fingerprint. */
    public static void write(Path file, int[] tokens, int count, int codes, long fingerprint) throws IOException {
        if (tokens.length != count * PatchMask.PATCHES) {
            throw new IllegalArgumentException(
                    "expected " + count * PatchMask.PATCHES + " tokens, got " + tokens.length);
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER + 2 * tokens.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(count).putInt(codes).putInt(0).putLong(fingerprint);
        for (int t : tokens) {
            b.putShort((short) t);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(tmp, b.array());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a token file. */
    public static TokenStore read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < HEADER || b.getInt() != MAGIC) {
            throw new IOException(file + ": not a token file");
        }
        int count = b.getInt();
        b.getInt();
        b.getInt();
        long fingerprint = b.getLong();
        ShortBuffer s = b.asShortBuffer();
        if (s.remaining() != count * PatchMask.PATCHES) {
            throw new IOException(file + ": truncated token file");
        }
        short[] tokens = new short[s.remaining()];
        s.get(tokens);
        return new TokenStore(tokens, count, fingerprint);
    }

    public int count() {
        return count;
    }

    /** The fingerprint of the tokenizer that computed the tokens. */
    public long fingerprint() {
        return fingerprint;
    }

    /** The 196 tokens of canvas {@code i} into {@code out} at {@code offset}. */
    public void tokens(int i, long[] out, int offset) {
        int base = i * PatchMask.PATCHES;
        for (int p = 0; p < PatchMask.PATCHES; p++) {
            out[offset + p] = tokens[base + p] & 0xFFFF;
        }
    }

    /** The tokens of canvas {@code i}. */
    public int[] tokens(int i) {
        int[] out = new int[PatchMask.PATCHES];
        int base = i * PatchMask.PATCHES;
        for (int p = 0; p < PatchMask.PATCHES; p++) {
            out[p] = tokens[base + p] & 0xFFFF;
        }
        return out;
    }
}
