package dev.vprompt.worker.internal.probe;

import dev.vprompt.worker.internal.fetch.ObjectStore;
import java.util.concurrent.CompletableFuture;

/**
 * Probes the object store with one request ({@link ObjectStore#probe}): a GET of a key that need not exist in a
 * bucket the worker uses, or a bucket listing when every bucket is allowed. Any answer that says the store works
 * and accepts the worker's credentials (the object, NoSuchKey, even AccessDenied for that key) is up; no answer,
 * a 5xx, throttling or refused credentials is down.
 *
 * <p>Thread-safe.
 */
public final class StoreProbe implements Probe {

    private final ObjectStore store;
    private final String bucket;

    /** @param bucket the bucket to probe, or null to list buckets */
    public StoreProbe(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    @Override
    public CompletableFuture<Void> check() {
        return store.probe(bucket);
    }
}
