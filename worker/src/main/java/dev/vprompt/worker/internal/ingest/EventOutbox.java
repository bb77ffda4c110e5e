package dev.vprompt.worker.internal.ingest;

/**
 * Where a job's events wait for its offset, in exactly-once delivery: they are published in the transaction that
 * commits the offset, so a {@code read_committed} reader sees them exactly when the job will not be delivered again.
 *
 * <p>Threading: thread-safe and never blocks.
 */
public interface EventOutbox {

    /**
     * Holds {@code event} until the offset of {@code origin} is committed.
     *
     * @return false when the record is no longer this worker's (its partition was revoked): nothing was held
     */
    boolean stage(JobRecord origin, OutgoingEvent event);
}
