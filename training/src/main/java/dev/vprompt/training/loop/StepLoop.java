package dev.vprompt.training.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop every training stage runs: until the budget is exhausted, one step (forward and backward, by the stage),
 * one AdamW update at the schedule's rate (skipped when the gradients are not finite), the progress bar, and a
 * checkpoint every {@code checkpointEvery} and at the end.
 *
 * <p>Not thread-safe: runs on the calling thread.
 *
 * @param budget when the run stops (time spent before a resume included)
 * @param schedule the learning rate by step and progress
 * @param adam the optimizer of the stage's trained parameters
 * @param maxGradNorm the gradients' global norm is clipped to this
 * @param batch samples per step (for the progress bar's rate)
 * @param checkpointEvery wall-clock time between checkpoints
 * @param progress the progress bar
 */
public record StepLoop(
        Budget budget,
        Schedule schedule,
        AdamW adam,
        double maxGradNorm,
        int batch,
        Duration checkpointEvery,
        Progress progress) {

    private static final Logger LOGGER = LoggerFactory.getLogger(StepLoop.class);
    /** Every stage clips its gradients' global norm to 1. */
    static final double MAX_GRAD_NORM = 1.0;

    /** What a stage's settings say about its loop. */
    public interface Settings {
        int steps();

        Duration budget();

        int batch();

        float learningRate();

        Duration checkpointEvery();
    }

    /**
     * The loop of a stage with {@code settings}, {@code before} of its time spent before a resume, and a learning rate
     * warmed up over {@code warmup} steps and annealed to {@code floor} of its peak.
     */
    public static StepLoop of(
            Settings settings, Duration before, int warmup, double floor, AdamW adam, Progress progress) {
        return new StepLoop(
                new Budget(settings.steps(), settings.budget(), before),
                new Schedule(settings.learningRate(), warmup, floor),
                adam,
                MAX_GRAD_NORM,
                settings.batch(),
                settings.checkpointEvery(),
                progress);
    }

    /**
     * Where a run starts: step 0 with no time spent, or, when resuming from an existing checkpoint, its step and time
     * with its weights and optimizer state restored ({@code checkpoint} is then the one read, else null).
     */
    public record Start(long step, Duration before, TrainingCheckpoint checkpoint) {

        /**
         * Restores {@code file} into {@code params} and {@code adam} when {@code resume} and it exists, after
         * {@code check} accepted it (it throws to refuse one).
         */
        public static Start of(
                Path file,
                boolean resume,
                ParameterStore params,
                AdamW adam,
                Consumer<TrainingCheckpoint> check,
                String stage) {
            if (!resume || !Files.exists(file)) {
                return new Start(0, Duration.ZERO, null);
            }
            TrainingCheckpoint c = TrainingCheckpoint.read(file);
            check.accept(c);
            params.load(c.model(), n -> true);
            adam.load(c.optimizer());
            Start start = new Start(c.step(params.manager()), c.elapsed(params.manager()), c);
            LOGGER.info(
                    "resuming {} at step {} ({} s done)",
                    stage,
                    start.step(),
                    start.before().toSeconds());
            return start;
        }
    }

    /** One step's forward and backward: accumulates the gradients and returns the metrics to show. */
    @FunctionalInterface
    public interface Step {
        Map<String, Double> run(long step) throws Exception;
    }

    /** Writes a resumable checkpoint after {@code step} steps and {@code elapsed} of training. */
    @FunctionalInterface
    public interface Save {
        void write(long step, Duration elapsed) throws Exception;
    }

    /** What the loop did: the steps done in all (resumed ones included) and the last step's metrics. */
    public record Outcome(long steps, Duration elapsed, boolean cutShort, Map<String, Double> metrics) {}

    /** Runs from step {@code first} (0, or the resumed checkpoint's) to the end of the budget. */
    public Outcome run(long first, Step step, Save save) throws Exception {
        long done = first;
        long lastSave = System.nanoTime();
        Map<String, Double> metrics = Map.of();
        while (!budget.exhausted(done)) {
            float lr = schedule.at(done, budget.progress(done));
            metrics = step.run(done);
            double norm = adam.step(lr, maxGradNorm);
            if (!Double.isFinite(norm)) {
                LOGGER.warn("step {}: {}, gradient norm {}, update skipped", done, metrics, norm);
            }
            done++;
            progress.step(done, budget.steps(), budget.progress(done), batch, metrics, budget.elapsed());
            if (System.nanoTime() - lastSave > checkpointEvery.toNanos()) {
                save.write(done, budget.elapsed());
                lastSave = System.nanoTime();
            }
        }
        progress.finish(done, budget.steps(), budget.progress(done), budget.elapsed());
        save.write(done, budget.elapsed());
        return new Outcome(done, budget.elapsed(), budget.cutShort(done), metrics);
    }
}
