package dev.vprompt.cli.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * The options both training stages take. Defaults are the shipped model's recipe.
 *
 * <p>Not thread-safe: filled by picocli on the calling thread.
 */
public final class TrainOptions {

    /** Where the artefacts go by default, relative to the working directory. */
    public static final String DEFAULT_DIR = "target/vp-train";
    /** libtorch threads by default: both cores of the reference machine. */
    public static final int DEFAULT_THREADS = 2;

    @Option(names = "--dir", paramLabel = "DIR", description = "artefact folder (default ${DEFAULT-VALUE})")
    Path dir = Path.of(DEFAULT_DIR);

    @Option(
            names = "--config",
            paramLabel = "JSON",
            description = "architecture: 'small' (default) or the path of a config.json")
    String config = "small";

    @Option(names = "--steps", paramLabel = "N", description = "optimizer steps (default: the recipe's)")
    Integer steps;

    @Option(
            names = "--minutes",
            paramLabel = "M",
            description = "wall-clock budget of the stage in minutes; the learning rate anneals within it (default: "
                    + "the recipe's)")
    Double minutes;

    @Option(names = "--batch", paramLabel = "N", description = "samples per step (default: the recipe's)")
    Integer batch;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the stage's sampling (default: the recipe's)")
    Long seed;

    @Option(names = "--resume", description = "continue from the stage's checkpoint in --dir")
    boolean resume;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "libtorch threads (default ${DEFAULT-VALUE}; 1 is faster when another process holds a core)")
    int threads = DEFAULT_THREADS;

    /**
     * {@code defaults} with the steps, budget, batch and seed given on the command line (the others stay).
     *
     * @param <S> a stage's settings
     */
    <S> S applyTo(
            S defaults,
            BiFunction<S, Integer, S> withSteps,
            BiFunction<S, Duration, S> withBudget,
            BiFunction<S, Integer, S> withBatch,
            BiFunction<S, Long, S> withSeed) {
        S s = defaults;
        if (steps != null) {
            s = withSteps.apply(s, steps);
        }
        if (minutes != null) {
            s = withBudget.apply(s, Duration.ofMillis((long) (minutes * 60_000)));
        }
        if (batch != null) {
            s = withBatch.apply(s, batch);
        }
        if (seed != null) {
            s = withSeed.apply(s, seed);
        }
        return s;
    }

    /** Sets libtorch's thread count; must run before the engine starts. */
    void applyThreads() {
        applyThreads(threads);
    }

    /** Sets libtorch's thread count to {@code threads}; must run before the engine starts. */
    static void applyThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
