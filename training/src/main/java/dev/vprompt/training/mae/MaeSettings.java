package dev.vprompt.training.mae;

import dev.vprompt.training.loop.StepLoop;
import java.time.Duration;

/**
 * How the MAE trains. Every default is a named constant; the record validates on construction.
 *
 * @param steps optimizer steps (the run stops earlier when {@code budget} runs out)
 * @param budget wall-clock budget of this stage
 * @param batch canvases per step
 * @param learningRate peak AdamW learning rate
 * @param weightDecay AdamW weight decay of matrices
 * @param answerShare probability that a canvas hides its answer cell (else random patches, as many as its layout
 *     hides)
 * @param seed seed of the batches and masks
 * @param checkpointEvery how often a resumable checkpoint is written
 * @param tokenBalance exponent {@code a} of the class-balanced weights of the hidden patches' cross-entropy: a token
 *     of frequency {@code f} in the token file weighs {@code (f / mean f)^-a}, clipped to [{@link #MIN_TOKEN_WEIGHT},
 *     {@link #MAX_TOKEN_WEIGHT}] (0: every token weighs 1)
 */
public record MaeSettings(
        int steps,
        Duration budget,
        int batch,
        float learningRate,
        float weightDecay,
        double answerShare,
        long seed,
        Duration checkpointEvery,
        double tokenBalance)
        implements StepLoop.Settings {

    public static final int DEFAULT_STEPS = 7300;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(62);
    public static final int DEFAULT_BATCH = 32;
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;
    public static final float DEFAULT_WEIGHT_DECAY = 0.05f;
    public static final double DEFAULT_ANSWER_SHARE = 0.8;
    public static final long DEFAULT_SEED = 12;
    public static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofMinutes(5);
    public static final double DEFAULT_TOKEN_BALANCE = 0.5;
    public static final double MIN_TOKEN_WEIGHT = 0.1;
    public static final double MAX_TOKEN_WEIGHT = 10;

    public MaeSettings {
        if (steps < 1 || batch < 1) {
            throw new IllegalArgumentException("steps and batch must be >= 1");
        }
        if (!(learningRate > 0) || weightDecay < 0 || answerShare < 0 || answerShare > 1) {
            throw new IllegalArgumentException("learning rate > 0, weight decay >= 0, answer share in [0, 1]");
        }
        if (budget.isNegative() || budget.isZero() || checkpointEvery.isNegative()) {
            throw new IllegalArgumentException("budget must be positive and checkpointEvery >= 0");
        }
        if (!(tokenBalance >= 0 && tokenBalance <= 1)) {
            throw new IllegalArgumentException("token balance must be in [0, 1], got " + tokenBalance);
        }
    }

    public static MaeSettings defaults() {
        return new MaeSettings(
                DEFAULT_STEPS,
                DEFAULT_BUDGET,
                DEFAULT_BATCH,
                DEFAULT_LEARNING_RATE,
                DEFAULT_WEIGHT_DECAY,
                DEFAULT_ANSWER_SHARE,
                DEFAULT_SEED,
                DEFAULT_CHECKPOINT_EVERY,
                DEFAULT_TOKEN_BALANCE);
    }

    public MaeSettings withSteps(int n) {
        return new MaeSettings(
                n, budget, batch, learningRate, weightDecay, answerShare, seed, checkpointEvery, tokenBalance);
    }

    public MaeSettings withBudget(Duration d) {
        return new MaeSettings(
                steps, d, batch, learningRate, weightDecay, answerShare, seed, checkpointEvery, tokenBalance);
    }

    public MaeSettings withBatch(int b) {
        return new MaeSettings(
                steps, budget, b, learningRate, weightDecay, answerShare, seed, checkpointEvery, tokenBalance);
    }

    public MaeSettings withLearningRate(float lr) {
        return new MaeSettings(steps, budget, batch, lr, weightDecay, answerShare, seed, checkpointEvery, tokenBalance);
    }

    public MaeSettings withSeed(long s) {
        return new MaeSettings(
                steps, budget, batch, learningRate, weightDecay, answerShare, s, checkpointEvery, tokenBalance);
    }

    public MaeSettings withTokenBalance(double a) {
        return new MaeSettings(steps, budget, batch, learningRate, weightDecay, answerShare, seed, checkpointEvery, a);
    }
}
