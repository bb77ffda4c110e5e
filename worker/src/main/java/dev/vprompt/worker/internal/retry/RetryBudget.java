package dev.vprompt.worker.internal.retry;

import java.time.Duration;

/**
 * Whether one operation may be retried once more, asked after each transient failure. A budget belongs to one
 * operation of one job, so it can weigh that job's attempts, the time spent, its deadline, or whether its partition is
 * still owned; {@link #UNLIMITED} retries until the operation succeeds (or the worker stops).
 *
 * <p>Threading: called on the {@link RetryPolicy}'s context.
 */
@FunctionalInterface
public interface RetryBudget {

    /** Never stops retrying: a dependency that is down delays jobs, it does not fail them. */
    RetryBudget UNLIMITED = (failedAttempts, sinceFirstAttempt) -> true;

    /**
     * @param failedAttempts attempts that failed so far, the last one included (1 after the first failure)
     * @param sinceFirstAttempt time since the first attempt started
     */
    boolean allowsRetry(int failedAttempts, Duration sinceFirstAttempt);
}
