package dev.vprompt.worker.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.infer.NullBackend;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inference threads report their state, and the pool is ready only while every thread serves. */
class InferencePoolTest {

    private final InferencePool pool = new InferencePool();
    private final DynamicBatcher<Canvas, Inferred> healthy = batcher();
    private final DynamicBatcher<Canvas, Inferred> poisoned = batcher();

    private static DynamicBatcher<Canvas, Inferred> batcher() {
        return new DynamicBatcher<>(
                BatchSettings.builder()
                        .maxBatchSize(1)
                        .maxBatchDelay(Duration.ZERO)
                        .build(),
                "t");
    }

    private static Canvas canvas() {
        RgbImage img = RgbImage.filled(32, 32, 10, 20, 30);
        return new CanvasBuilder().grid2x2(img, img, img, null);
    }

    private static CompletableFuture<Inferred> submit(DynamicBatcher<Canvas, Inferred> b, String jobId) {
        Canvas c = canvas();
        return b.submit(new BatchKey("m", c.mask().keptCount()), jobId, c, 0, Long.MAX_VALUE);
    }

    /** A backend that runs {@code behaviour} on each batch. */
    private static InferenceBackend backend(Function<List<Canvas>, List<InferenceOutput>> behaviour) {
        return new InferenceBackend() {
            @Override
            public List<InferenceOutput> infer(List<Canvas> canvases) {
                return behaviour.apply(canvases);
            }

            @Override
            public String device() {
                return "fake";
            }

            @Override
            public void close() {}
        };
    }

    @AfterEach
    void tearDown() throws Exception {
        healthy.close();
        poisoned.close();
        pool.stop(false, 5_000);
    }

    @Test
    void shouldBeServingWhenEveryThreadHasLoadedItsBackend() throws Exception {
        // When
        pool.start("a", healthy, NullBackend::new, b -> {}, 10_000);
        pool.start("b", poisoned, NullBackend::new, b -> {}, 10_000);
        // Then
        assertThat(pool.allServing()).isTrue();
        assertThat(pool.states().values()).containsOnly(InferenceWorker.State.READY);
    }

    @Test
    void shouldStopServingWhenOneInferenceThreadDies() throws Exception {
        // Given: one thread whose backend throws an Error the thread does not survive
        pool.start("healthy", healthy, NullBackend::new, b -> {}, 10_000);
        pool.start(
                "dying",
                poisoned,
                () -> backend(c -> {
                    throw new StackOverflowError("deep recursion in a custom op");
                }),
                b -> {},
                10_000);
        // When
        submit(poisoned, "job-1");
        // Then
        await().atMost(Duration.ofSeconds(10)).until(() -> !pool.allServing());
        assertThat(pool.workers())
                .extracting(InferenceWorker::state)
                .containsExactly(InferenceWorker.State.READY, InferenceWorker.State.FAILED);
        assertThat(submit(healthy, "job-2").get().batchSize()).isEqualTo(1);
    }

    @Test
    void shouldKeepServingAndFailOnlyTheJobWhenABatchThrows() throws Exception {
        // Given
        pool.start(
                "flaky",
                poisoned,
                () -> backend(c -> {
                    throw new IllegalArgumentException("bad input");
                }),
                b -> {},
                10_000);
        // When
        CompletableFuture<Inferred> result = submit(poisoned, "job-1");
        // Then
        await().atMost(Duration.ofSeconds(10)).until(result::isDone);
        assertThat(JobFailure.of(result.handle((v, e) -> e).join()).code()).isEqualTo(ErrorCode.INFERENCE_FAILED);
        assertThat(pool.allServing()).isTrue();
    }

    @Test
    void shouldNotBeServingWhenItHasNoThread() {
        assertThat(pool.allServing()).isFalse();
    }
}
