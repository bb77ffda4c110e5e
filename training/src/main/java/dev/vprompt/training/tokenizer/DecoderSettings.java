package dev.vprompt.training.tokenizer;

import dev.vprompt.training.loop.StepLoop;
import java.time.Duration;

/**
 * How the decoder is tuned on whole canvases ({@link DecoderTrainer}). Every default is a named constant; the record
 * validates on construction.
 *
 * @param steps optimizer steps (the run stops earlier when {@code budget} runs out)
 * @param budget wall-clock budget of this stage
 * @param batch whole canvases per step
 * @param learningRate peak AdamW learning rate
 * @param seed seed of the canvases drawn
 * @param checkpointEvery how often a resumable checkpoint is written
 */
public record DecoderSettings(
        int steps, Duration budget, int batch, float learningRate, long seed, Duration checkpointEvery)
        implements StepLoop.Settings {

    public static final int DEFAULT_STEPS = 1500;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(10);
    public static final int DEFAULT_BATCH = 4;
    /** A fifth of the tokenizer's: the decoder starts trained and only adapts to whole canvases. */
    public static final float DEFAULT_LEARNING_RATE = 2e-4f;

    public static final long DEFAULT_SEED = 13;
    public static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofMinutes(5);

    public DecoderSettings {
        if (steps < 1 || batch < 1) {
            throw new IllegalArgumentException("steps and batch must be >= 1");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        if (budget.isNegative() || budget.isZero() || checkpointEvery.isNegative()) {
            throw new IllegalArgumentException("budget must be positive and checkpointEvery >= 0");
        }
    }

    public static DecoderSettings defaults() {
        return new DecoderSettings(
                DEFAULT_STEPS,
                DEFAULT_BUDGET,
                DEFAULT_BATCH,
                DEFAULT_LEARNING_RATE,
                DEFAULT_SEED,
                DEFAULT_CHECKPOINT_EVERY);
    }

    public DecoderSettings withSteps(int n) {
        return new DecoderSettings(n, budget, batch, learningRate, seed, checkpointEvery);
    }

    public DecoderSettings withBudget(Duration d) {
        return new DecoderSettings(steps, d, batch, learningRate, seed, checkpointEvery);
    }

    public DecoderSettings withBatch(int b) {
        return new DecoderSettings(steps, budget, b, learningRate, seed, checkpointEvery);
    }

    public DecoderSettings withLearningRate(float lr) {
        return new DecoderSettings(steps, budget, batch, lr, seed, checkpointEvery);
    }

    public DecoderSettings withSeed(long s) {
        return new DecoderSettings(steps, budget, batch, learningRate, s, checkpointEvery);
    }
}
