package dev.vprompt.training;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.data.CanvasGenerator;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.HeldOut;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.loop.Progress;
import dev.vprompt.training.loop.TrainingCheckpoint;
import dev.vprompt.training.tokenizer.DecoderTrainer;
import dev.vprompt.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The folder a training run keeps its artefacts in, each made once and reused by later stages and resumed runs:
 * {@value #CANVASES} (the generated canvases), {@value #EVAL_CANVASES} (canvases from another part of the stream, for
 * measuring the tokenizer), {@value #TOKENIZER}, {@value #DECODER} and {@value #MAE} (resumable checkpoints),
 * {@value #TOKENS} (the tokenizer's tokens of every canvas) and {@value #MODEL} (the exported model).
 *
 * <p>Not thread-safe: one training process per folder.
 */
public final class Workspace {

    public static final String CANVASES = "canvases.bin";
    public static final String EVAL_CANVASES = "eval-canvases.bin";
    public static final String TOKENIZER = "tokenizer.pth";
    /** The tokenizer with its decoder tuned on whole canvases ({@code DecoderTrainer}). */
    public static final String DECODER = "decoder.pth";

    public static final String TOKENS = "tokens.bin";
    public static final String MAE = "mae.pth";
    public static final String MODEL = "model";

    /** Where the held-out measuring canvases start in the generator's stream (far beyond any training set). */
    static final long EVAL_OFFSET = 1L << 40;

    /**
     * Canvases per tokenizer call while tokenizing. Eight keep each activation (8 x 16 x 224 x 224 floats, 26 MB) under
     * the 32 MB allocation size that {@code vp} sets as glibc's mmap threshold, so libtorch reuses heap memory; at 16
     * every activation is a fresh mmap and the stage ran 6-8x slower (9 against 55-80 canvases/s).
     */
    private static final int ENCODE_BATCH = 8;

    private final Path dir;

    public Workspace(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * The checkpoint whose {@code vae.*} weights the served model decodes with: {@value #DECODER} when its decoder was
     * tuned from the present {@value #TOKENIZER} (the tokens are that tokenizer's either way), else the tokenizer
     * itself. A {@value #DECODER} left from an earlier tokenizer is ignored.
     */
    public Path servedTokenizer() {
        Path tokenizer = file(TOKENIZER);
        Path decoder = file(DECODER);
        if (Files.isRegularFile(decoder)
                && DecoderTrainer.tunedFrom(
                        TrainingCheckpoint.read(decoder).model(),
                        TrainingCheckpoint.read(tokenizer).model())) {
            return decoder;
        }
        return tokenizer;
    }

    /** The SHA-256 of a file as lowercase hex. */
    public static String sha256(Path file) throws IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** The first 64 bits of a file's SHA-256 (tags derived artefacts with what they were derived from). */
    public static long fingerprint(Path file) throws IOException {
        return Long.parseUnsignedLong(sha256(file).substring(0, 16), 16);
    }

    /**
     * The training canvases, generated first when the folder has none (or a different count or seed).
     *
     * @param threads generator threads (the canvases do not depend on it)
     */
    public CanvasStore canvases(int count, long seed, HeldOut heldOut, int threads, Progress progress)
            throws IOException {
        Files.createDirectories(dir);
        Path file = file(CANVASES);
        if (Files.exists(file)) {
            try (CanvasStore existing = CanvasStore.open(file)) {
                if (existing.count() == count && existing.seed() == seed) {
                    return CanvasStore.open(file);
                }
            } catch (IOException e) {
                // unreadable: generate again
            }
        }
        CanvasGenerator generator = new CanvasGenerator(seed, heldOut, CanvasGenerator.defaultShares());
        write(file, generator, count, seed, threads, progress);
        CanvasGenerator evalGenerator = generator.shifted(EVAL_OFFSET);
        write(file(EVAL_CANVASES), evalGenerator, Math.max(1, Math.min(64, count)), seed, threads, null);
        return CanvasStore.open(file);
    }

    private static void write(
            Path file, CanvasGenerator generator, int count, long seed, int threads, Progress progress)
            throws IOException {
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        CanvasStore.write(file, generator, seed, count, threads, i -> {
            int n = done.incrementAndGet();
            if (progress != null) {
                synchronized (progress) {
                    progress.step(
                            n, count, (double) n / count, 1, Map.of(), Duration.ofNanos(System.nanoTime() - start));
                }
            }
        });
        if (progress != null) {
            progress.finish(count, count, 1, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The tokens of every training canvas under {@code tokenizer}, computed first when missing or stale. */
    public TokenStore tokens(
            CanvasStore canvases, MaeVqganConfig cfg, StateDict tokenizer, long fingerprint, Progress progress)
            throws IOException {
        Path file = file(TOKENS);
        if (Files.exists(file)) {
            TokenStore existing = TokenStore.read(file);
            if (existing.count() == canvases.count() && existing.fingerprint() == fingerprint) {
                return existing;
            }
        }
        int n = canvases.count();
        int[] all = new int[n * 196];
        long start = System.nanoTime();
        int pixels = 3 * Canvas.SIZE * Canvas.SIZE;
        try (Tokenizer t = Tokenizer.of(cfg, tokenizer)) {
            for (int s = 0; s < n; s += ENCODE_BATCH) {
                int k = Math.min(ENCODE_BATCH, n - s);
                ByteBuffer b = ByteBuffer.allocate(k * pixels);
                for (int i = 0; i < k; i++) {
                    canvases.readPixels(s + i, b);
                }
                b.flip();
                int[] tokens = t.encode(b, k);
                System.arraycopy(tokens, 0, all, s * 196, tokens.length);
                progress.step(s + k, n, (double) (s + k) / n, k, Map.of(), Duration.ofNanos(System.nanoTime() - start));
            }
        }
        progress.finish(n, n, 1, Duration.ofNanos(System.nanoTime() - start));
        TokenStore.write(file, all, n, cfg.vocabSize(), fingerprint);
        return TokenStore.read(file);
    }
}
