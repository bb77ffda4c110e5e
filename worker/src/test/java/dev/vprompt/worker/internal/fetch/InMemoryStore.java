package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unit-test double of the {@link ObjectStore} interface (not of S3): objects in a map, keyed by object key alone.
 * It counts reads and records writes, and can fail the next reads transiently (as a store that is down) or hold every
 * read or write back until a future completes. Thread-safe.
 */
public final class InMemoryStore implements ObjectStore {

    /** Reads per key. */
    public final Map<String, Integer> reads = new ConcurrentHashMap<>();
    /** Writes, keyed {@code bucket/key}. */
    public final Map<String, byte[]> written = new ConcurrentHashMap<>();
    /** How many of the next reads fail as if the store were down. */
    public final AtomicInteger transientReadFailures = new AtomicInteger();
    /** Reads complete only once this completes. */
    public volatile CompletableFuture<Void> readsHeldUntil = CompletableFuture.completedFuture(null);
    /** Writes asked for so far (recorded in {@link #written} once they complete). */
    public final AtomicInteger writesAsked = new AtomicInteger();
    /** Writes complete (and are recorded) only once this completes. */
    public volatile CompletableFuture<Void> writesHeldUntil = CompletableFuture.completedFuture(null);

    private final Map<String, byte[]> objects;

    /** @param objects what the store holds; a key that is missing reads as OBJECT_NOT_FOUND */
    public InMemoryStore(Map<String, byte[]> objects) {
        this.objects = Map.copyOf(objects);
    }

    @Override
    public CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes) {
        reads.merge(key, 1, Integer::sum);
        if (transientReadFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(
                    JobFailure.transientFailure(Dependency.STORE, "store unavailable", null));
        }
        byte[] bytes = objects.get(key);
        return readsHeldUntil.thenCompose(v -> bytes == null
                ? CompletableFuture.failedFuture(JobFailure.permanent(ErrorCode.OBJECT_NOT_FOUND, key))
                : CompletableFuture.completedFuture(bytes));
    }

    @Override
    public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
        writesAsked.incrementAndGet();
        return writesHeldUntil.thenRun(() -> written.put(bucket + "/" + key, bytes));
    }

    @Override
    public CompletableFuture<Void> probe(String bucket) {
        return transientReadFailures.get() > 0
                ? CompletableFuture.failedFuture(
                        JobFailure.transientFailure(Dependency.STORE, "store unavailable", null))
                : CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
}
