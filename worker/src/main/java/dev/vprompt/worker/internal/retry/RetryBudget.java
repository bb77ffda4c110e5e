package dev.vprompt.worker.internal.retry;

import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether an operation may be retried once more, asked after each of its transient failures, before the next attempt
 * is scheduled. A budget may weigh attempts, time, a deadline, or whether the job is still this worker's (see
 * {@link JobRetryBudget}); {@link #UNLIMITED} retries until the operation succeeds (or the worker stops).
 *
 * <p>Threading: called on the {@link RetryPolicy}'s context, one call at a time.
 */
@FunctionalInterface
public interface RetryBudget {

    /** Never stops retrying. */
    RetryBudget UNLIMITED = (failure, failedAttempts, sinceFirstAttempt, nextDelayMillis) -> Optional.empty();

    /**
     * @param failure the transient failure just seen
     * @param failedAttempts attempts of this operation that failed so far, the last one included (1 after the first)
     * @param sinceFirstAttempt time since the operation's first attempt started
     * @param nextDelayMillis the wait before the next attempt, were it allowed
     * @return empty to retry; else the failure the operation ends with (permanent, e.g. RETRIES_EXHAUSTED, or a
     *     {@link JobFailure#redeliver} failure when the job is no longer this worker's)
     */
    Optional<JobFailure> stop(JobFailure failure, int failedAttempts, Duration sinceFirstAttempt, long nextDelayMillis);
}
