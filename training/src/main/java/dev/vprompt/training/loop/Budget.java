package dev.vprompt.training.loop;

import java.time.Duration;

/**
 * When a run stops: after {@code steps} steps, or when its wall-clock budget runs out, whichever comes first. Time
 * spent before a resume counts ({@code elapsedBefore}).
 *
 * <p>Not thread-safe: confine to the training thread.
 */
public final class Budget {

    private final long steps;
    private final long budgetNanos;
    private final long startNanos;
    private final long elapsedBeforeNanos;

    public Budget(long steps, Duration wallClock, Duration elapsedBefore) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        }
        this.steps = steps;
        this.budgetNanos = wallClock.toNanos();
        this.elapsedBeforeNanos = elapsedBefore.toNanos();
        this.startNanos = System.nanoTime();
    }

    public long steps() {
        return steps;
    }

    /** Wall-clock time of the run so far, resumed parts included. */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedBeforeNanos + System.nanoTime() - startNanos);
    }

    /** How far the run is, 0..1: the larger of the step and time fractions. */
    public double progress(long step) {
        double byTime = budgetNanos <= 0 ? 0 : (double) elapsed().toNanos() / budgetNanos;
        return Math.min(1, Math.max((double) step / steps, byTime));
    }

    /** Whether the run must stop before {@code step}. */
    public boolean exhausted(long step) {
        return step >= steps || elapsed().toNanos() >= budgetNanos;
    }

    /** Whether the time budget (not the step count) ended the run at {@code step}. */
    public boolean cutShort(long step) {
        return step < steps;
    }
}
