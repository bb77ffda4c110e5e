package dev.vprompt.worker.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An inference thread runs a unit's canvases in one model call, fails only the unit whose canvas fails alone, and
 * embeds.
 */
class InferenceWorkerUnitsTest {

    private static final BatchKey KEY = new BatchKey("m", 147);

    private final DynamicBatcher<Canvas, Inferred> batcher = new DynamicBatcher<>(
            BatchSettings.builder()
                    .maxBatchSize(8)
                    .maxBatchDelay(Duration.ofMillis(200))
                    .build(),
            "t");
    /** The sizes of the model calls, in order. */
    private final List<Integer> calls = Collections.synchronizedList(new ArrayList<>());

    private InferencePool pool;

    private static Canvas canvas(int shade) {
        RgbImage img = RgbImage.filled(32, 32, shade, shade, shade);
        return new CanvasBuilder().grid2x2(img, img, img, null);
    }

    /** Fails any call that holds a canvas of shade 13; counts every call's size. */
    private InferenceBackend backend() {
        return new InferenceBackend() {
            @Override
            public List<InferenceOutput> infer(List<Canvas> canvases) {
                calls.add(canvases.size());
                if (canvases.stream().anyMatch(c -> c.image().get(0, 0, 0) == 13)) {
                    throw new IllegalArgumentException("poison");
                }
                return canvases.stream()
                        .map(c -> new InferenceOutput(new int[0], c.image()))
                        .toList();
            }

            @Override
            public List<float[]> embed(List<Canvas> canvases) {
                calls.add(-canvases.size());
                return canvases.stream()
                        .map(c -> new float[] {c.image().get(0, 0, 0)})
                        .toList();
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
        if (pool != null) {
            pool.stop(false, 5_000);
        }
        batcher.close();
    }

    private void start() throws Exception {
        pool = new InferencePool(batcher, DeviceGuardSettings.defaults(8));
        pool.start(List.of("cpu"), d -> backend(), b -> {}, 10_000);
    }

    @Test
    void shouldRunAUnitsCanvasesInOneCallAndReportItsBatchWhenTheUnitSucceeds() throws Exception {
        // Given: an ensemble-sized unit, queued before the thread starts
        List<Canvas> eight = Collections.nCopies(8, canvas(40));
        CompletableFuture<List<Inferred>> ensemble = batcher.submitUnit(KEY, "ens", eight, 0, Long.MAX_VALUE);

        // When
        start();

        // Then
        await().atMost(Duration.ofSeconds(10)).until(ensemble::isDone);
        List<Inferred> out = ensemble.get();
        assertThat(out).hasSize(8);
        assertThat(out).extracting(Inferred::batchId).containsOnly(out.get(0).batchId());
        assertThat(out.get(0).batchSize()).isEqualTo(1);
        assertThat(calls).containsExactly(8);
    }

    @Test
    void shouldRerunCanvasByCanvasAndFailOnlyThePoisonedUnitWhenABatchFails() throws Exception {
        // Given: two units of three canvases in one batch; the second holds the poison
        CompletableFuture<List<Inferred>> good =
                batcher.submitUnit(KEY, "good", Collections.nCopies(3, canvas(40)), 0, Long.MAX_VALUE);
        CompletableFuture<List<Inferred>> bad =
                batcher.submitUnit(KEY, "bad", List.of(canvas(40), canvas(13), canvas(40)), 0, Long.MAX_VALUE);

        // When
        start();

        // Then: the batch of six, then each canvas alone; the unit holding the poison fails whole
        await().atMost(Duration.ofSeconds(10)).until(() -> good.isDone() && bad.isDone());
        assertThat(good.get()).hasSize(3);
        assertThat(JobFailure.of(bad.handle((v, e) -> e).join()).code()).isEqualTo(ErrorCode.INFERENCE_FAILED);
        assertThat(calls).containsExactly(6, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void shouldCallTheEncoderWhenTheBatchIsOfEmbeddings() throws Exception {
        // Given
        CompletableFuture<Inferred> e =
                batcher.submit(new BatchKey("m", 49, BatchKey.Work.EMBED), "q", canvas(77), 0, Long.MAX_VALUE);

        // When
        start();

        // Then
        await().atMost(Duration.ofSeconds(10)).until(e::isDone);
        assertThat(e.get().embedding()).containsExactly(77f);
        assertThat(e.get().output()).isNull();
        assertThat(calls).containsExactly(-1);
    }
}
