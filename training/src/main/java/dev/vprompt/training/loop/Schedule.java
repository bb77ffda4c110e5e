package dev.vprompt.training.loop;

/**
 * The learning rate over a run: linear warm-up over the first steps, then a cosine decay to {@code floor * peak} as
 * the run's progress goes from 0 to 1. Progress is the larger of the step fraction and the time-budget fraction, so
 * a run cut short by its time budget still anneals (and is then no longer step-for-step reproducible).
 *
 * @param peak the learning rate after warm-up
 * @param warmupSteps steps of linear warm-up
 * @param floor the final learning rate as a fraction of {@code peak}
 */
public record Schedule(double peak, int warmupSteps, double floor) {

    public Schedule {
        if (!(peak > 0)) {
            throw new IllegalArgumentException("peak learning rate must be positive: " + peak);
        }
        if (warmupSteps < 0 || floor < 0 || floor > 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and floor within [0, 1]");
        }
    }

    /** The learning rate at {@code step} (0-based) when the run is {@code progress} (0..1) done. */
    public float at(long step, double progress) {
        if (step < warmupSteps) {
            return (float) (peak * (step + 1) / warmupSteps);
        }
        double p = Math.min(1, Math.max(0, progress));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * p));
        return (float) (peak * (floor + (1 - floor) * cosine));
    }
}
