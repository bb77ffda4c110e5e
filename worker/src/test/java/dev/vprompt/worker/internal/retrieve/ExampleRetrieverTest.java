package dev.vprompt.worker.internal.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExamplePoolFormat;
import dev.vprompt.engine.retrieval.ExampleRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.UsedExample;
import dev.vprompt.worker.TestJobs;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.infer.NullBackend;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.infer.DeviceGuardSettings;
import dev.vprompt.worker.internal.infer.InferencePool;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.prompt.PromptAssembler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Examples picked from a pool: the query embedded through the batcher by the (null) model's pixel feature, the k
 * nearest pairs, never the query; the pool's head re-read after its refresh interval, each version's index once.
 */
class ExampleRetrieverTest {

    private static final String MODEL = "mae-vqgan";
    private static final CanvasBuilder BUILDER = new CanvasBuilder();

    private final Store store = new Store();
    private final AtomicLong nanos = new AtomicLong();
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final DynamicBatcher<Canvas, Inferred> batcher = new DynamicBatcher<>(
            BatchSettings.builder().maxBatchDelay(Duration.ofMillis(1)).build(), "t");
    private InferencePool inference;
    private ExampleRetriever retriever;

    /** Object store of a map, counting reads per key. Thread-safe. */
    static final class Store implements ObjectStore {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        final Map<String, Integer> reads = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes) {
            reads.merge(key, 1, Integer::sum);
            byte[] b = objects.get(key);
            return b == null
                    ? CompletableFuture.failedFuture(JobFailure.permanent(ErrorCode.OBJECT_NOT_FOUND, key))
                    : CompletableFuture.completedFuture(b);
        }

        @Override
        public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
            objects.put(key, bytes);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> probe(String bucket) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}
    }

    /** A picture: a diagonal band whose position and colours follow {@code seed}. */
    private static RgbImage picture(int seed) {
        int w = 96;
        byte[] px = new byte[3 * w * w];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                boolean band = Math.abs(x - y - 12 * seed + 30) < 14;
                int i = 3 * (y * w + x);
                px[i] = (byte) (band ? 40 * seed : 255 - 2 * x);
                px[i + 1] = (byte) (band ? 200 : 2 * y);
                px[i + 2] = (byte) (band ? 30 * seed : 128);
            }
        }
        return new RgbImage(w, w, px);
    }

    @BeforeEach
    void setUp() throws Exception {
        inference = new InferencePool(batcher, DeviceGuardSettings.defaults(8));
        inference.start(List.of("cpu"), d -> new NullBackend(), b -> {}, 10_000);
        retriever = new ExampleRetriever(
                store,
                1 << 22,
                new PromptAssembler(1_000_000, 1 << 22),
                batcher,
                ModelIdentity.nullModel(MODEL),
                cpu,
                nanos::get,
                (ref, what) -> {
                    if (ref.getKey().startsWith("secret/")) {
                        throw JobFailure.permanent(ErrorCode.FORBIDDEN_KEY, what + " " + ref.getKey());
                    }
                });
    }

    @AfterEach
    void tearDown() throws Exception {
        inference.stop(false, 5_000);
        cpu.shutdownNow();
        cpu.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * Uploads pictures {@code in<i>.png} (seeds) with outputs, and a pool over them embedded as the worker embeds.
     *
     * @param keys the input key of each entry
     */
    private void uploadPool(String version, String modelName, List<String> keys, List<Integer> seeds) {
        List<ExamplePool.Entry> entries = new ArrayList<>();
        List<Canvas> canvases = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            RgbImage img = picture(seeds.get(i));
            store.objects.put(keys.get(i), PngCodec.encode(img));
            entries.add(new ExamplePool.Entry(
                    new ExampleRef("images", keys.get(i), null), new ExampleRef("images", "out" + i + ".png", null)));
            canvases.add(BUILDER.embedding(img));
        }
        List<float[]> e = new NullBackend().embed(canvases);
        float[] flat = new float[e.size() * e.get(0).length];
        for (int i = 0; i < e.size(); i++) {
            System.arraycopy(e.get(i), 0, flat, i * e.get(0).length, e.get(0).length);
        }
        ExamplePool pool = new ExamplePool(version, modelName, null, e.get(0).length, entries, flat);
        String index = ExamplePoolFormat.indexKey("pool", version);
        store.objects.put(index, ExamplePoolFormat.writeIndex(pool));
        store.objects.put("pool/pool.json", ExamplePoolFormat.writeHead(pool, index));
    }

    private PromptJob poolJob(int k) {
        store.objects.put("q.png", PngCodec.encode(picture(3)));
        return PromptJob.newBuilder(TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 0, "", "q.png"))
                .setQuery(TestJobs.ref("q.png"))
                .setExamplePool(TestJobs.ref("pool/pool.json"))
                .setK(k)
                .build();
    }

    @Test
    void shouldPickTheNearestPairsButNeverTheQueryWhenAJobNamesAPool() throws Exception {
        // Given: the query (seed 3) is in the pool under its own key and, as a copy, under another; seeds 2 and 4
        // are its nearest others
        uploadPool(
                "v1",
                ModelIdentity.NULL_MODEL,
                List.of("in0.png", "q.png", "copy.png", "in3.png", "in4.png", "in5.png"),
                List.of(9, 3, 3, 2, 4, 8));

        // When
        ResolvedJob resolved = retriever.resolve(poolJob(2)).get(10, TimeUnit.SECONDS);

        // Then
        assertThat(resolved.job().getExamples())
                .extracting(p -> p.getInput().getKey())
                .containsExactlyInAnyOrder("in3.png", "in4.png");
        assertThat(resolved.used())
                .extracting(UsedExample::getSimilarity)
                .allSatisfy(s -> assertThat(s).isBetween(-1.0, 0.999999));
        assertThat(resolved.used().get(0).getSimilarity())
                .isGreaterThanOrEqualTo(resolved.used().get(1).getSimilarity());
        assertThat(resolved.poolVersion()).isEqualTo("v1");
        assertThat(resolved.job().getExamplePool()).isNotNull();
    }

    @Test
    void shouldFailWithTheGrantsCodeWhenThePoolPicksAnExampleOutsideTheReadGrants() {
        // Given: the nearest pair to the query lies under a prefix the grants refuse
        uploadPool("v1", ModelIdentity.NULL_MODEL, List.of("in0.png", "secret/in1.png", "in2.png"), List.of(9, 2, 8));

        // When
        CompletableFuture<ResolvedJob> result = retriever.resolve(poolJob(1));

        // Then
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).satisfies(e -> {
            JobFailure f = JobFailure.of(e);
            assertThat(f.code()).isEqualTo(ErrorCode.FORBIDDEN_KEY);
            assertThat(f.getMessage()).contains("secret/in1.png");
        });
    }

    @Test
    void shouldReadEachIndexOnceAndTheHeadAgainOnlyAfterItsRefreshWhenJobsShareAPool() throws Exception {
        // Given
        uploadPool("v1", ModelIdentity.NULL_MODEL, List.of("in0.png", "in1.png"), List.of(1, 2));
        retriever.resolve(poolJob(1)).get(10, TimeUnit.SECONDS);
        retriever.resolve(poolJob(1)).get(10, TimeUnit.SECONDS);

        // When: the pool is rebuilt; within the refresh interval, then after it
        uploadPool("v2", ModelIdentity.NULL_MODEL, List.of("in0.png", "in1.png", "in2.png"), List.of(1, 2, 4));
        ResolvedJob before = retriever.resolve(poolJob(1)).get(10, TimeUnit.SECONDS);
        nanos.addAndGet(PoolCache.HEAD_REFRESH.toNanos());
        ResolvedJob after = retriever.resolve(poolJob(1)).get(10, TimeUnit.SECONDS);

        // Then
        assertThat(before.poolVersion()).isEqualTo("v1");
        assertThat(after.poolVersion()).isEqualTo("v2");
        assertThat(store.reads.get("pool/pool.json")).isEqualTo(2);
        assertThat(store.reads.get("pool/pool-v1.vpi")).isEqualTo(1);
        assertThat(store.reads.get("pool/pool-v2.vpi")).isEqualTo(1);
    }

    @Test
    void shouldRefuseThePoolWhenAnotherModelBuiltIt() {
        // Given
        uploadPool("v1", "random-seed-7", List.of("in0.png", "in1.png"), List.of(1, 2));

        // When / Then
        assertUnusable(retriever.resolve(poolJob(1)), "random-seed-7");
    }

    @Test
    void shouldRefuseThePoolWhenItHoldsFewerUsablePairsThanK() {
        // Given: two entries, one of which is the query
        uploadPool("v1", ModelIdentity.NULL_MODEL, List.of("q.png", "in1.png"), List.of(3, 2));

        // When / Then
        assertUnusable(retriever.resolve(poolJob(2)), "1 usable pairs");
    }

    @Test
    void shouldRefuseThePoolWhenItsIndexIsCorrupt() {
        // Given
        uploadPool("v1", ModelIdentity.NULL_MODEL, List.of("in0.png"), List.of(1));
        store.objects.put("pool/pool-v1.vpi", "not an index".getBytes());

        // When / Then
        assertUnusable(retriever.resolve(poolJob(1)), "magic");
    }

    @Test
    void shouldPassAJobWithItsOwnExamplesThroughWhenItNamesNoPool() throws Exception {
        // Given
        PromptJob job = TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 2, "ex-", "q.png");

        // When
        ResolvedJob resolved = retriever.resolve(job).get(10, TimeUnit.SECONDS);

        // Then
        assertThat(resolved.job()).isSameAs(job);
        assertThat(resolved.used()).extracting(u -> u.getInput().getKey()).containsExactly("ex-in0", "ex-in1");
        assertThat(resolved.used()).extracting(UsedExample::getSimilarity).containsOnlyNulls();
        assertThat(resolved.poolVersion()).isNull();
        assertThat(store.reads).isEmpty();
    }

    private static void assertUnusable(CompletableFuture<ResolvedJob> result, String message) {
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).satisfies(e -> {
            JobFailure f = JobFailure.of(e);
            assertThat(f.code()).isEqualTo(ErrorCode.EXAMPLE_POOL_UNUSABLE);
            assertThat(f.getMessage()).contains(message);
        });
    }
}
