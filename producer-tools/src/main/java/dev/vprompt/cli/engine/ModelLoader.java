package dev.vprompt.cli.engine;

import dev.vprompt.engine.checkpoint.CheckpointException;
import dev.vprompt.engine.checkpoint.Checkpoints;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelConfigException;
import dev.vprompt.engine.model.ModelOptions;
import java.nio.file.Path;

/**
 * Creates the model a command runs: from an official-layout checkpoint (torch zip or safetensors) or with random
 * weights, reporting where the weights came from. Failures become one-line {@link CliFailure}s.
 *
 * <p>Thread-safe: stateless; the returned model belongs to the caller's thread.
 */
public final class ModelLoader {

    /** Longest part of an engine message repeated on the error line (a wrong config can mismatch ~500 tensors). */
    static final int MAX_DETAIL = 400;

    private ModelLoader() {}

    /**
     * A loaded model and where its weights came from.
     *
     * @param source {@code checkpoint sha256 <hex>} or {@code random (seed N)}
     * @param loadMillis reading, checking and copying the weights onto the device
     */
    public record Loaded(MaeVqgan model, String source, long loadMillis) {}

    /**
     * Loads {@code checkpoint}, or random weights when it is {@code null}.
     *
     * @param configLabel how the user named {@code cfg}, for error messages
     */
    public static Loaded open(Path checkpoint, MaeVqganConfig cfg, String configLabel, ModelOptions opts, long seed) {
        long start = System.nanoTime();
        try {
            if (checkpoint == null) {
                MaeVqgan model = MaeVqgan.random(cfg, seed, opts);
                return new Loaded(model, "random (seed " + seed + ")", millisSince(start));
            }
            ImageFiles.requireRegularFile(checkpoint, "--checkpoint");
            String sha = Sha256.ofFile(checkpoint);
            long afterHash = System.nanoTime();
            StateDict weights = Checkpoints.load(checkpoint);
            MaeVqgan model = load(checkpoint, weights, cfg, configLabel, opts);
            return new Loaded(model, "checkpoint sha256 " + sha, millisSince(afterHash));
        } catch (ModelConfigException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    private static MaeVqgan load(
            Path checkpoint, StateDict weights, MaeVqganConfig cfg, String configLabel, ModelOptions opts) {
        try {
            return MaeVqgan.load(weights, cfg, opts);
        } catch (CheckpointException e) {
            throw new CliFailure(
                    "--checkpoint " + checkpoint + " with --config " + configLabel + ": " + abbreviate(e.getMessage()),
                    e);
        }
    }

    /** {@code text} cut to {@link #MAX_DETAIL} characters, saying how much was left out. */
    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        if (oneLine.length() <= MAX_DETAIL) {
            return oneLine;
        }
        return oneLine.substring(0, MAX_DETAIL) + "... (" + (oneLine.length() - MAX_DETAIL) + " more characters)";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
