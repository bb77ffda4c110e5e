package dev.vprompt.worker.internal.fetch;

import java.util.concurrent.CompletableFuture;

/**
 * Asynchronous access to S3-compatible object storage. Implementations are thread-safe; futures complete on the
 * store's own threads, never on the caller's, and fail with a {@link dev.vprompt.worker.internal.job.JobFailure} that says whether
 * a retry can help.
 */
public interface ObjectStore extends AutoCloseable {

    /** Reads a whole object, failing with IMAGE_TOO_LARGE when it exceeds {@code maxBytes}. */
    CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes);

    /** Writes a whole object (overwriting: result keys are deterministic, so redelivery writes the same bytes). */
    CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType);

    /**
     * One cheap request that says whether the store works for this worker (the dependency probe): completes when the
     * store answers as a working store that accepts the worker's credentials (whether or not the probed object
     * exists or may be read), fails with the transient failure otherwise.
     *
     * @param bucket a bucket the worker uses, or null to list buckets instead
     */
    CompletableFuture<Void> probe(String bucket);

    @Override
    void close();
}
