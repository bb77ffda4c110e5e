package dev.vprompt.worker.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Canvas;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A batch too big for the device's memory still runs, in order; one bad canvas fails alone. */
class DeviceRunnerTest {

    private static DeviceRunner runner(FakeBackend backend, int max, int successesBeforeRaise) {
        return new DeviceRunner(backend.device(), backend, new BatchLimit(max, successesBeforeRaise));
    }

    /** Asserts that result i carries canvas i's image. */
    private static void assertInOrder(List<ItemResult> results, List<Canvas> canvases) {
        assertThat(results).hasSameSizeAs(canvases);
        IntStream.range(0, canvases.size())
                .forEach(i -> assertThat(results.get(i).output().pasted())
                        .as("result %d", i)
                        .isSameAs(canvases.get(i).image()));
    }

    @Test
    void shouldSplitInHalvesAndKeepTheOrderWhenTheBatchRunsOutOfMemory() {
        // Given: a device that runs out of memory above 3 canvases per call
        FakeBackend backend = FakeBackend.oomAbove(3);
        DeviceRunner runner = runner(backend, 8, 100);
        List<Canvas> canvases = FakeBackend.canvases(8);

        // When
        List<ItemResult> results = runner.run(canvases);

        // Then: 8 and 4 ran out; the halves of 4 ran; the second half ran at the learned limit straight away
        assertThat(backend.calls).containsExactly(8, 4, 2, 2, 2, 2);
        assertInOrder(results, canvases);
        assertThat(results)
                .allMatch(ItemResult::succeeded)
                .extracting(ItemResult::callSize)
                .containsOnly(2);
        assertThat(runner.limit()).isEqualTo(2);
        assertThat(runner.outOfMemoryErrors()).isEqualTo(2);
        assertThat(backend.releases.get()).isEqualTo(2);
    }

    @Test
    void shouldRunTheNextBatchAtTheLearnedLimitWhenAnEarlierOneRanOutOfMemory() {
        // Given
        FakeBackend backend = FakeBackend.oomAbove(3);
        DeviceRunner runner = runner(backend, 8, 100);
        runner.run(FakeBackend.canvases(8));
        backend.calls.clear();
        List<Canvas> canvases = FakeBackend.canvases(7);

        // When
        List<ItemResult> results = runner.run(canvases);

        // Then
        assertThat(backend.calls).containsExactly(2, 2, 2, 1);
        assertInOrder(results, canvases);
    }

    @Test
    void shouldRaiseTheLimitAgainAfterARunOfSuccessesAndFallBackToWhatFitWhenTheRaiseRunsOut() {
        // Given: a device that fits 3; the limit learned at 2, four successes at it so far; five raise it
        FakeBackend backend = FakeBackend.oomAbove(3);
        DeviceRunner runner = runner(backend, 8, 5);
        runner.run(FakeBackend.canvases(8));
        assertThat(runner.limit()).isEqualTo(2);

        // When: one more call at 2, five at 3, then a batch of 4
        runner.run(FakeBackend.canvases(2));
        int afterFiveAtTwo = runner.limit();
        for (int i = 0; i < 5; i++) {
            runner.run(FakeBackend.canvases(3));
        }
        int afterFiveAtThree = runner.limit();
        backend.calls.clear();
        List<Canvas> canvases = FakeBackend.canvases(4);
        List<ItemResult> results = runner.run(canvases);

        // Then: up by one each time; 4 ran out and ran in halves; the limit is back at 3, which is known to fit
        assertThat(afterFiveAtTwo).isEqualTo(3);
        assertThat(afterFiveAtThree).isEqualTo(4);
        assertThat(backend.calls).containsExactly(4, 2, 2);
        assertThat(runner.limit()).isEqualTo(3);
        assertInOrder(results, canvases);
    }

    @Test
    void shouldFailOnlyTheCanvasThatRunsOutOfMemoryAloneWhenTheRestFit() {
        // Given: canvas 5 runs out of memory in any call
        FakeBackend backend = new FakeBackend(
                "gpu:0", c -> c.stream().anyMatch(x -> FakeBackend.is(x, 5)) ? FakeBackend.cudaOom() : null);
        DeviceRunner runner = runner(backend, 8, 100);
        List<Canvas> canvases = FakeBackend.canvases(8);

        // When
        List<ItemResult> results = runner.run(canvases);

        // Then
        assertThat(results.get(5).succeeded()).isFalse();
        assertThat(results.get(5).failure()).hasMessageContaining("CUDA out of memory");
        for (int i = 0; i < 8; i++) {
            if (i != 5) {
                assertThat(results.get(i).output().pasted())
                        .isSameAs(canvases.get(i).image());
            }
        }
        assertThat(runner.limit()).isEqualTo(1);
    }

    @Test
    void shouldRerunOneByOneAndFailOnlyThePoisonWhenACallFailsForAnotherReason() {
        // Given
        FakeBackend backend = new FakeBackend(
                "cpu",
                c -> c.stream().anyMatch(x -> FakeBackend.is(x, 2)) ? new IllegalArgumentException("NaN") : null);
        DeviceRunner runner = runner(backend, 8, 100);
        List<Canvas> canvases = FakeBackend.canvases(4);

        // When
        List<ItemResult> results = runner.run(canvases);

        // Then: no split and no lowered limit, one call per canvas after the failed batch
        assertThat(backend.calls).containsExactly(4, 1, 1, 1, 1);
        assertThat(results).extracting(ItemResult::succeeded).containsExactly(true, true, false, true);
        assertThat(results.get(2).failure()).isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.limit()).isEqualTo(8);
        assertThat(backend.releases.get()).isZero();
    }

    @Test
    void shouldRecogniseOutOfMemoryFromEveryAllocatorWhenOnlyTheTextSaysSo() {
        assertThat(OutOfMemory.is(FakeBackend.cudaOom())).isTrue();
        assertThat(
                        OutOfMemory.is(
                                new RuntimeException(
                                        "wrapped",
                                        new RuntimeException(
                                                "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: can't allocate memory: you"
                                                        + " tried to allocate 9663676416 bytes. Error code 12 (Cannot allocate memory)"))))
                .isTrue();
        assertThat(OutOfMemory.is(
                        new RuntimeException("CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling cublasCreate")))
                .isTrue();
        assertThat(OutOfMemory.is(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(OutOfMemory.is(new RuntimeException("shape '[2, 147, 1024]' is invalid for input of size 3")))
                .isFalse();
        assertThat(OutOfMemory.is(new RuntimeException((String) null))).isFalse();
    }
}
