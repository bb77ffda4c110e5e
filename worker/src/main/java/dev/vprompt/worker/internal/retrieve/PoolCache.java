package dev.vprompt.worker.internal.retrieve;

import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExamplePoolFormat;
import dev.vprompt.engine.retrieval.PoolFormatException;
import dev.vprompt.engine.retrieval.PoolHead;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The example pools jobs name, read from the store and kept: a pool's head ({@code pool.json}, small, overwritten by
 * every build) is re-read at most every {@link #HEAD_REFRESH}; the index it names is immutable and read once per
 * version, so a rebuilt pool is picked up within {@link #HEAD_REFRESH} and an unchanged one costs one small read per
 * interval. At most {@link #MAX_POOLS} indexes are kept (least recently used evicted), each at most
 * {@code s3.maxObjectBytes}. Concurrent jobs on the same pool share one read; a failed read is not kept.
 *
 * <p>Thread-safe: the maps are guarded by this object's monitor; reads complete on the store's threads.
 */
final class PoolCache {

    /** Longest time a pool's head is trusted before it is read again. */
    static final Duration HEAD_REFRESH = Duration.ofSeconds(30);

    /** Most pool indexes kept at once. */
    static final int MAX_POOLS = 4;

    private record HeadKey(String bucket, String key, String versionId) {}

    private record IndexKey(String bucket, String key, String version) {}

    private record CachedHead(CompletableFuture<PoolHead> head, long readNanos) {}

    private final ObjectStore store;
    private final long maxObjectBytes;
    private final LongSupplier nanoTime;
    private final Map<HeadKey, CachedHead> heads = new HashMap<>();
    private final LinkedHashMap<IndexKey, CompletableFuture<ExamplePool>> indexes =
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<IndexKey, CompletableFuture<ExamplePool>> eldest) {
                    return size() > MAX_POOLS;
                }
            };

    PoolCache(ObjectStore store, long maxObjectBytes, LongSupplier nanoTime) {
        this.store = store;
        this.maxObjectBytes = maxObjectBytes;
        this.nanoTime = nanoTime;
    }

    /** The current version of the pool whose head is {@code headRef}. */
    CompletableFuture<ExamplePool> get(ObjectRef headRef) {
        return head(headRef).thenCompose(h -> index(headRef.getBucket(), h));
    }

    private synchronized CompletableFuture<PoolHead> head(ObjectRef ref) {
        HeadKey key = new HeadKey(ref.getBucket(), ref.getKey(), ref.getVersionId());
        long now = nanoTime.getAsLong();
        CachedHead cached = heads.get(key);
        if (cached != null && now - cached.readNanos() < HEAD_REFRESH.toNanos()) {
            return cached.head();
        }
        CompletableFuture<PoolHead> read = store.get(ref.getBucket(), ref.getKey(), ref.getVersionId(), maxObjectBytes)
                .thenApply(bytes -> parse(() -> ExamplePoolFormat.readHead(bytes), "head " + ref.getKey()));
        heads.put(key, new CachedHead(read, now));
        read.whenComplete((h, e) -> {
            if (e != null) {
                forget(heads, key, read);
            }
        });
        return read;
    }

    private synchronized CompletableFuture<ExamplePool> index(String bucket, PoolHead head) {
        IndexKey key = new IndexKey(bucket, head.indexKey(), head.version());
        CompletableFuture<ExamplePool> cached = indexes.get(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<ExamplePool> read = store.get(bucket, head.indexKey(), null, maxObjectBytes)
                .thenApply(bytes -> {
                    ExamplePool pool = parse(() -> ExamplePoolFormat.readIndex(bytes), "index " + head.indexKey());
                    if (!pool.version().equals(head.version())) {
                        throw unusable("index " + head.indexKey() + " holds version " + pool.version()
                                + ", its head names " + head.version());
                    }
                    return pool;
                });
        indexes.put(key, read);
        read.whenComplete((p, e) -> {
            if (e != null) {
                forget(indexes, key, read);
            }
        });
        return read;
    }

    private <K, V> void forget(Map<K, V> map, K key, Object value) {
        synchronized (this) {
            map.entrySet().removeIf(e -> e.getKey().equals(key) && isOrHolds(e.getValue(), value));
        }
    }

    private static boolean isOrHolds(Object entry, Object value) {
        return entry == value || (entry instanceof CachedHead h && h.head() == value);
    }

    /** Number of pool indexes held (read or being read). */
    synchronized int size() {
        return indexes.size();
    }

    private interface Parse<T> {
        T run();
    }

    private static <T> T parse(Parse<T> parse, String what) {
        try {
            return parse.run();
        } catch (PoolFormatException e) {
            throw unusable("example pool " + what + ": " + e.getMessage());
        }
    }

    static JobFailure unusable(String message) {
        return JobFailure.permanent(ErrorCode.EXAMPLE_POOL_UNUSABLE, message);
    }
}
