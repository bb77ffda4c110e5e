package dev.vprompt.worker.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fetcher reads what a job needs and skips examples whose cells are cached. */
class ImageFetcherTest {

    @Test
    void shouldNotReadCachedExamplesWhenASecondJobSharesThem() {
        // Given: a store that counts reads per key, and a cache that trusts the images bucket
        CountingStore store = new CountingStore();
        ExampleCache cache = new ExampleCache(1 << 20, Set.of("images"));
        ImageFetcher fetcher = new ImageFetcher(store, 1 << 20, cache);
        PromptJob first = job("q1");
        JobImages images = fetcher.fetch(first).join();
        assertThat(images.examples().get(0)[0].bytes()).isNotNull();
        assertThat(images.examples().get(0)[1].cacheKey().mask())
                .as("segmentation outputs are masks")
                .isTrue();
        // the assembler prepares and caches the cells
        cache.put(images.examples().get(0)[0].cacheKey(), RgbImage.filled(111, 111, 1, 2, 3));
        cache.put(images.examples().get(0)[1].cacheKey(), RgbImage.filled(111, 111, 255, 255, 255));
        // When
        JobImages second = fetcher.fetch(job("q2")).join();
        // Then
        assertThat(second.examples().get(0)[0].cell()).isNotNull();
        assertThat(second.examples().get(0)[1].cell()).isNotNull();
        assertThat(store.reads).containsEntry("ex-in0", 1).containsEntry("ex-out0", 1);
        assertThat(store.reads).containsEntry("q1", 1).containsEntry("q2", 1);
    }

    @Test
    void shouldReadEveryImageEachTimeWhenTheBucketIsNotImmutable() {
        // Given
        CountingStore store = new CountingStore();
        ExampleCache cache = new ExampleCache(1 << 20, Set.of("elsewhere"));
        ImageFetcher fetcher = new ImageFetcher(store, 1 << 20, cache);
        // When
        JobImages a = fetcher.fetch(job("q1")).join();
        fetcher.fetch(job("q2")).join();
        // Then
        assertThat(a.examples().get(0)[0].cacheKey()).isNull();
        assertThat(store.reads).containsEntry("ex-in0", 2).containsEntry("ex-out0", 2);
    }

    private static PromptJob job(String query) {
        return TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 1, "ex-", query);
    }

    /** An in-memory store (a unit-test double of the ObjectStore interface, not of S3) counting reads. */
    private static final class CountingStore implements ObjectStore {
        final Map<String, Integer> reads = new ConcurrentHashMap<>();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes) {
            reads.merge(key, 1, Integer::sum);
            return CompletableFuture.completedFuture(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
            writes.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> ping(String bucket) {
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public void close() {}
    }
}
