package dev.vprompt.worker.internal.ingest;

/**
 * What the flow reports back about each record a {@link JobSource} delivered, so that the broker learns it: a
 * consumer group commits offsets up to the lowest finished record ({@link OffsetTracker}); a share group acknowledges
 * each record on its own ({@link KafkaShareJobSource}: ACCEPT, REJECT or RELEASE).
 *
 * <p>Threading: called on the flow's context; implementations are thread-safe and never block.
 */
public interface RecordOutcomes {

    /** Whether this worker may still publish the record's results (false once its partition went to another worker). */
    boolean mayPublish(JobRecord r);

    /**
     * The record's results and completion event are acknowledged: it must not be delivered again.
     *
     * @return false when the record is no longer this worker's to settle (its partition was revoked)
     */
    boolean succeeded(JobRecord r);

    /**
     * The record's FAILED completion event and dead letter are acknowledged: it must not be delivered again.
     *
     * @return false when the record is no longer this worker's to settle (its partition was revoked)
     */
    boolean deadLettered(JobRecord r);

    /** The record was not finished here (shutdown, revocation, a failed publish): it is to be delivered again. */
    void abandoned(JobRecord r);
}
