package dev.vprompt.worker.internal.job;

/**
 * Stable error codes of failed jobs, as they appear in {@code PromptCompleted.error.code} and in dead letters. Codes
 * are part of the public contract: add new ones, never rename.
 */
public enum ErrorCode {
    /** The record value is not a decodable {@code PromptJob}. */
    MALFORMED_EVENT,
    /** The record was written with a schema this worker does not know. */
    UNKNOWN_SCHEMA,
    /**
     * The job breaks a rule (no examples, empty jobId, layout needs more examples, ...), or the store refuses one of
     * its references as malformed (invalid argument such as a bad versionId, key too long, invalid bucket name).
     */
    INVALID_JOB,
    /** More example pairs than the worker accepts. */
    TOO_MANY_EXAMPLES,
    /**
     * The job reads or writes a bucket the operator did not grant (reads: {@code s3.read}; writes: {@code s3.write}),
     * or writes into a bucket declared write-once ({@code s3.immutableBuckets}).
     */
    FORBIDDEN_BUCKET,
    /** A referenced object does not exist. */
    OBJECT_NOT_FOUND,
    /** The store denies the worker's credentials access to one of the job's objects (S3 AccessDenied). */
    ACCESS_DENIED,
    /** A referenced object exists but cannot be read now or ever (archived: InvalidObjectState; a delete marker). */
    OBJECT_UNAVAILABLE,
    /** The store refused one of the job's requests for another reason that a retry cannot change (other 4xx). */
    STORE_REJECTED,
    /** A referenced object or decoded image exceeds the configured limits. */
    IMAGE_TOO_LARGE,
    /** A referenced object is not a decodable image. */
    IMAGE_CORRUPT,
    /** The job names a model this worker does not serve. */
    UNKNOWN_MODEL,
    /** The job's deadline passed before it ran, or would pass before its next retry. */
    DEADLINE_EXCEEDED,
    /** The model failed on this job alone (isolated by re-running its batch one by one). */
    INFERENCE_FAILED,
    /** A result the job produced is larger than the store or the broker accepts (S3 EntityTooLarge, Kafka
     * RecordTooLargeException). */
    RESULT_TOO_LARGE,
    /** The broker refused the job's event for a reason a retry cannot change (invalid topic, not authorized). */
    BROKER_REJECTED,
    /** Transient failures went on past the job's retry budget (attempts or time) while its dependencies looked up. */
    RETRIES_EXHAUSTED,
    /**
     * The job's example pool cannot serve it: its head or index is not a readable pool, it was built by another model
     * than the one served, or it holds fewer than {@code k} usable pairs.
     */
    EXAMPLE_POOL_UNUSABLE,
    /** An unexpected error in the worker. */
    INTERNAL,
    /**
     * The bucket is granted, but not the key: a read outside every {@code s3.read} prefix of that bucket, or results
     * ({@code <prefix>/<jobId>/}) outside every {@code s3.write} prefix.
     */
    FORBIDDEN_KEY,
    /** The jobId is empty, too long for result keys, or holds a slash, {@code ..} or a control character. */
    INVALID_JOB_ID,
    /**
     * A share group delivered the record as often as its {@code share.delivery.count.limit} allows (earlier attempts
     * ran out of time or crashed their worker): dead-lettered instead of run once more.
     */
    DELIVERY_LIMIT
}
