package dev.vprompt.worker.internal.retry;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The retry budget of one job, shared by all its operations (fetch, batch, publish). Asked after each transient
 * failure, it stops retrying when, in this order:
 *
 * <ol>
 *   <li>the job is no longer this worker's (its partition was revoked): {@link JobFailure#redeliver}, nothing is
 *       published and the record stays uncommitted here;
 *   <li>the next attempt would start after the job's deadline: DEADLINE_EXCEEDED;
 *   <li>the job has spent {@code maxAttempts} failed attempts or {@code maxElapsed} of retrying: RETRIES_EXHAUSTED.
 * </ol>
 *
 * Failures of a dependency that a probe judges down ({@link DependencyStatus}) are not the job's fault: they count
 * neither as attempts nor as elapsed time (the job waits for the dependency, within its deadline).
 *
 * <p>Threading: confined to the retry policy's context (every call there, one at a time); {@link #attempts()} is read
 * there too.
 */
public final class JobRetryBudget implements RetryBudget {

    /** How much retrying a job may do while its dependencies look up. */
    public record Limits(int maxAttempts, Duration maxElapsed) {
        public Limits {
            if (maxAttempts < 1 || maxElapsed.isNegative() || maxElapsed.isZero()) {
                throw new IllegalArgumentException("maxAttempts must be >= 1 and maxElapsed > 0");
            }
        }
    }

    private final Limits limits;
    private final long deadlineMillis;
    private final BooleanSupplier owned;
    private final DependencyStatus dependencies;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private long countedNanos;
    private int countedFailures;
    private int retries;

    /**
     * @param deadlineMillis epoch millis after which the job must not run, {@code Long.MAX_VALUE} for none
     * @param owned whether the job is still this worker's (its partition not revoked)
     */
    JobRetryBudget(
            Limits limits,
            long deadlineMillis,
            BooleanSupplier owned,
            DependencyStatus dependencies,
            Clock clock,
            LongSupplier nanoTime) {
        this.limits = limits;
        this.deadlineMillis = deadlineMillis;
        this.owned = owned;
        this.dependencies = dependencies;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    @Override
    public Optional<JobFailure> stop(
            JobFailure failure, int failedAttempts, Duration sinceFirstAttempt, long nextDelayMillis) {
        if (!owned.getAsBoolean()) {
            return Optional.of(JobFailure.redeliver("partition revoked while retrying: " + failure.getMessage()));
        }
        if (deadlineMillis != Long.MAX_VALUE && clock.millis() + nextDelayMillis >= deadlineMillis) {
            return Optional.of(JobFailure.permanent(
                    ErrorCode.DEADLINE_EXCEEDED,
                    "deadline passes before the next attempt; last failure: " + failure.getMessage()));
        }
        long now = nanoTime.getAsLong();
        if (failure.dependency() == Dependency.NONE || !dependencies.isDown(failure.dependency())) {
            countedFailures++;
            countedNanos += now - lastNanos;
        }
        lastNanos = now;
        if (countedFailures >= limits.maxAttempts()
                || countedNanos >= limits.maxElapsed().toNanos()) {
            return Optional.of(JobFailure.permanent(
                    ErrorCode.RETRIES_EXHAUSTED,
                    countedFailures + " failed attempts in "
                            + Duration.ofNanos(countedNanos).toMillis()
                            + " ms (limits " + limits.maxAttempts() + ", "
                            + limits.maxElapsed().toMillis()
                            + " ms); last failure: " + failure.getMessage()));
        }
        retries++;
        return Optional.empty();
    }

    /** Attempts the job's operations made so far that were followed by another: its retries, plus one. */
    public int attempts() {
        return retries + 1;
    }
}
