package dev.vprompt.worker.internal.retry;

import dev.vprompt.worker.internal.job.JobFailure;

/**
 * What a {@link RetryPolicy} tells the rest of the worker while it retries: metrics count retries, and intake control
 * may hold new work back while a dependency looks down.
 *
 * <p>Threading: both methods are called on the policy's context (the flow's event loop), never concurrently.
 */
public interface RetryListener {

    /** Listens to nothing. */
    RetryListener NONE = new RetryListener() {
        @Override
        public void retrying(String stage, int failedAttempts, long delayMillis, JobFailure failure) {}

        @Override
        public void settled(String stage, boolean succeeded) {}
    };

    /**
     * An operation failed transiently and will run again.
     *
     * @param failedAttempts attempts that failed so far (1 the first time an operation is retried)
     * @param delayMillis the wait before the next attempt
     */
    void retrying(String stage, int failedAttempts, long delayMillis, JobFailure failure);

    /**
     * An operation that was retried at least once has ended: it succeeded, failed permanently, or was given up. Called
     * once per operation for which {@link #retrying} was called, never for the others.
     */
    void settled(String stage, boolean succeeded);
}
