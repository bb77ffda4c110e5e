package dev.vprompt.worker.internal.job;

/**
 * What a transient failure waited on. A failure of a dependency says nothing about the job: while a probe judges that
 * dependency down, the job's retries do not spend its retry budget, and intake is held for every job.
 */
public enum Dependency {
    /** The object store (S3): unreachable, throttling, failing, or refusing the worker's credentials. */
    STORE,
    /** The Kafka cluster: unreachable, no leader, timing out, or refusing to authenticate the worker. */
    BROKER,
    /**
     * The inference devices: a device that fails even a known-good canvas. Down while none takes batches (each one
     * suspended by its circuit breaker, or gone).
     */
    INFERENCE,
    /** Nothing outside the worker (a full batcher, a worker that is stopping). */
    NONE
}
