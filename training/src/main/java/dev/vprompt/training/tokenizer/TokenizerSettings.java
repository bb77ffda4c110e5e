package dev.vprompt.training.tokenizer;

import dev.vprompt.training.loop.StepLoop;
import java.time.Duration;
import java.util.Objects;

/**
 * How the tokenizer trains. Every default is a named constant; the record validates on construction.
 *
 * @param steps optimizer steps (the run stops earlier when {@code budget} runs out)
 * @param budget wall-clock budget of this stage
 * @param batch crops per step
 * @param crop side of the square crops in pixels, a multiple of 16 (crops start on the 16-pixel patch grid)
 * @param learningRate peak AdamW learning rate
 * @param commitment weight of the commitment loss
 * @param decay codebook moving-average decay
 * @param restartWindow steps after which an unused code restarts on a batch latent
 * @param seed seed of the crops and restarts
 * @param checkpointEvery how often a resumable checkpoint is written
 * @param init how the convolutions start ({@link TokenizerInit})
 */
public record TokenizerSettings(
        int steps,
        Duration budget,
        int batch,
        int crop,
        float learningRate,
        float commitment,
        float decay,
        int restartWindow,
        long seed,
        Duration checkpointEvery,
        TokenizerInit init)
        implements StepLoop.Settings {

    public static final int DEFAULT_STEPS = 6000;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(30);
    public static final int DEFAULT_BATCH = 16;
    public static final int DEFAULT_CROP = 64;
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;
    public static final float DEFAULT_COMMITMENT = 0.25f;
    public static final float DEFAULT_DECAY = 0.99f;
    public static final int DEFAULT_RESTART_WINDOW = 50;
    public static final long DEFAULT_SEED = 11;
    public static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofMinutes(5);
    public static final TokenizerInit DEFAULT_INIT = TokenizerInit.IDENTITY_RESIDUAL;

    public TokenizerSettings {
        if (steps < 1 || batch < 1 || restartWindow < 1) {
            throw new IllegalArgumentException("steps, batch and restart window must be >= 1");
        }
        if (crop < 16 || crop % 16 != 0 || crop > 224) {
            throw new IllegalArgumentException("crop must be a multiple of 16 within 16..224, was " + crop);
        }
        if (!(learningRate > 0) || commitment < 0 || !(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("learning rate > 0, commitment >= 0 and decay in (0, 1) required");
        }
        if (budget.isNegative() || budget.isZero() || checkpointEvery.isNegative()) {
            throw new IllegalArgumentException("budget must be positive and checkpointEvery >= 0");
        }
        Objects.requireNonNull(init, "init");
    }

    public static TokenizerSettings defaults() {
        return new TokenizerSettings(
                DEFAULT_STEPS,
                DEFAULT_BUDGET,
                DEFAULT_BATCH,
                DEFAULT_CROP,
                DEFAULT_LEARNING_RATE,
                DEFAULT_COMMITMENT,
                DEFAULT_DECAY,
                DEFAULT_RESTART_WINDOW,
                DEFAULT_SEED,
                DEFAULT_CHECKPOINT_EVERY,
                DEFAULT_INIT);
    }

    public TokenizerSettings withSteps(int n) {
        return new TokenizerSettings(
                n, budget, batch, crop, learningRate, commitment, decay, restartWindow, seed, checkpointEvery, init);
    }

    public TokenizerSettings withBudget(Duration d) {
        return new TokenizerSettings(
                steps, d, batch, crop, learningRate, commitment, decay, restartWindow, seed, checkpointEvery, init);
    }

    public TokenizerSettings withBatch(int b, int c) {
        return new TokenizerSettings(
                steps, budget, b, c, learningRate, commitment, decay, restartWindow, seed, checkpointEvery, init);
    }

    public TokenizerSettings withLearningRate(float lr) {
        return new TokenizerSettings(
                steps, budget, batch, crop, lr, commitment, decay, restartWindow, seed, checkpointEvery, init);
    }

    public TokenizerSettings withSeed(long s) {
        return new TokenizerSettings(
                steps, budget, batch, crop, learningRate, commitment, decay, restartWindow, s, checkpointEvery, init);
    }

    public TokenizerSettings withInit(TokenizerInit i) {
        return new TokenizerSettings(
                steps, budget, batch, crop, learningRate, commitment, decay, restartWindow, seed, checkpointEvery, i);
    }
}
