package dev.vprompt.worker.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.infer.NullBackend;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.infer.InferencePool.Health;
import dev.vprompt.worker.internal.infer.InferenceWorker.State;
import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several devices share one batcher; the pool says whether its devices serve and whether every thread is alive. */
class InferencePoolTest {

    static final long LOAD_TIMEOUT_MILLIS = 10_000;

    final DynamicBatcher<Canvas, Inferred> batcher = new DynamicBatcher<>(
            BatchSettings.builder().maxBatchSize(2).maxBatchDelay(Duration.ZERO).build(), "t");
    InferencePool pool;

    InferencePool pool(int maxBatchSize, int failuresToOpen, Duration openDelay) {
        pool = new InferencePool(
                batcher,
                new DeviceGuardSettings(maxBatchSize, 32, failuresToOpen, openDelay, openDelay.multipliedBy(2)));
        return pool;
    }

    CompletableFuture<Inferred> submit(int n) {
        Canvas c = FakeBackend.canvas(n);
        return batcher.submit(new BatchKey("m", c.mask().keptCount()), "job-" + n, c, 0, Long.MAX_VALUE);
    }

    /** Whether the result carries canvas n's image (the fake backend echoes its input). */
    static boolean carries(Inferred r, int n) {
        return Arrays.equals(
                r.output().pasted().pixels(), FakeBackend.canvas(n).image().pixels());
    }

    static JobFailure failure(CompletableFuture<Inferred> f) {
        await().atMost(Duration.ofSeconds(10)).until(f::isDone);
        return JobFailure.of(f.handle((v, e) -> e).join());
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pool != null) {
            pool.stop(false, 5_000);
        }
        batcher.close();
    }

    @Test
    void shouldGiveEachDeviceAUniqueLabelAndServeWhenEveryBackendHasLoaded() throws Exception {
        // When
        pool(2, 3, Duration.ofSeconds(5))
                .start(List.of("cpu", "cpu"), d -> new NullBackend(), b -> {}, LOAD_TIMEOUT_MILLIS);

        // Then
        assertThat(pool.states()).containsExactly(Map.entry("cpu#0", State.READY), Map.entry("cpu#1", State.READY));
        assertThat(pool.allServing()).isTrue();
        assertThat(pool.health()).isEqualTo(Health.SERVING);
        assertThat(pool.allThreadsAlive()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .contains("vp-infer-cpu#0", "vp-infer-cpu#1");
    }

    @Test
    void shouldRunBatchesOnBothDevicesAtOnceWhenTheyShareTheBatcher() throws Exception {
        // Given: a call returns only once both devices are inside a call at the same time
        CountDownLatch bothInside = new CountDownLatch(2);
        Function<List<Canvas>, RuntimeException> rendezvous = c -> {
            bothInside.countDown();
            try {
                return bothInside.await(10, TimeUnit.SECONDS) ? null : new IllegalStateException("alone");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IllegalStateException(e);
            }
        };
        pool(2, 3, Duration.ofSeconds(5))
                .start(List.of("cpu", "cpu"), d -> new FakeBackend(d, rendezvous), b -> {}, LOAD_TIMEOUT_MILLIS);

        // When: two full batches
        List<CompletableFuture<Inferred>> results = List.of(submit(0), submit(1), submit(2), submit(3));

        // Then
        for (int i = 0; i < 4; i++) {
            assertThat(carries(results.get(i).get(10, TimeUnit.SECONDS), i)).isTrue();
        }
        assertThat(pool.workers()).allSatisfy(w -> assertThat(w.busyNanos()).isPositive());
    }

    @Test
    void shouldReportTheNdArraysTheBackendHoldsAfterItsLastBatchWhenTheyGrow() throws Exception {
        // Given: a backend that holds 7 arrays once loaded and leaks 3 per call
        FakeBackend backend = new FakeBackend("cpu", c -> null);
        backend.live.set(7);
        backend.behave(c -> {
            backend.live.addAndGet(3);
            return null;
        });
        pool(1, 3, Duration.ofSeconds(5)).start(List.of("cpu"), d -> backend, b -> {}, LOAD_TIMEOUT_MILLIS);
        InferenceWorker worker = pool.workers().get(0);
        assertThat(worker.liveArrays()).isEqualTo(7);

        // When: two batches of one
        submit(0).get(10, TimeUnit.SECONDS);
        submit(1).get(10, TimeUnit.SECONDS);

        // Then: the count read on the inference thread after the second batch
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.liveArrays() == 13);
    }

    @Test
    void shouldRunEveryQueuedBatchAndCloseEveryModelWhenStoppedWithDrain() throws Exception {
        // Given: two slow devices and more batches queued than they have run
        List<FakeBackend> backends = new ArrayList<>();
        pool(2, 3, Duration.ofSeconds(5))
                .start(
                        List.of("cpu", "cpu"),
                        d -> {
                            FakeBackend b = new FakeBackend(d, c -> {
                                sleepQuietly(20);
                                return null;
                            });
                            synchronized (backends) {
                                backends.add(b);
                            }
                            return b;
                        },
                        b -> {},
                        LOAD_TIMEOUT_MILLIS);
        List<CompletableFuture<Inferred>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            results.add(submit(i));
        }

        // When
        pool.stop(true, 10_000);

        // Then
        for (int i = 0; i < 40; i++) {
            assertThat(results.get(i)).isCompleted();
            assertThat(carries(results.get(i).join(), i)).isTrue();
        }
        assertThat(pool.states().values()).containsOnly(State.STOPPED);
        assertThat(backends).hasSize(2).allSatisfy(b -> {
            assertThat(b.closed.get()).isTrue();
            assertThat(b.calls).isNotEmpty();
        });
        assertThat(pool.allThreadsAlive()).isTrue();
    }

    @Test
    void shouldFailLivenessAndRetryTheBatchWhenAnErrorEndsAnInferenceThread() throws Exception {
        // Given: of two devices, the second backend made throws an Error its thread does not survive
        AtomicInteger made = new AtomicInteger();
        pool(1, 3, Duration.ofSeconds(5))
                .start(
                        List.of("cpu", "cpu"),
                        d -> made.getAndIncrement() == 0
                                ? new NullBackend()
                                : new FakeBackend(d, c -> {
                                    throw new StackOverflowError("deep recursion in a custom op");
                                }),
                        b -> {},
                        LOAD_TIMEOUT_MILLIS);

        // When: batches until the dying device has taken one
        List<CompletableFuture<Inferred>> results = new ArrayList<>();
        for (int i = 0; i < 50 && pool.allThreadsAlive(); i++) {
            CompletableFuture<Inferred> f = submit(i);
            results.add(f);
            await().atMost(Duration.ofSeconds(10)).until(f::isDone);
        }

        // Then: the item it was running is retried (transient), never dead-lettered; the other device serves on
        assertThat(pool.allThreadsAlive()).isFalse();
        assertThat(pool.states().values()).containsExactlyInAnyOrder(State.READY, State.FAILED);
        assertThat(pool.allServing()).isFalse();
        assertThat(pool.health()).isEqualTo(Health.DEGRADED);
        List<CompletableFuture<Inferred>> failed = results.stream()
                .filter(CompletableFuture::isCompletedExceptionally)
                .toList();
        assertThat(failed).hasSize(1);
        assertThat(failure(failed.get(0)).retriable()).isTrue();
        assertThat(submit(99).get(10, TimeUnit.SECONDS).batchSize()).isEqualTo(1);
    }

    @Test
    void shouldFailOnlyThePoisonJobWithInferenceFailedWhenTheDeviceStillRunsAKnownGoodCanvas() throws Exception {
        // Given: canvas 13 makes the model throw, whatever the device
        FakeBackend backend = new FakeBackend(
                "cpu",
                c -> c.stream().anyMatch(x -> FakeBackend.is(x, 13)) ? new IllegalArgumentException("NaN") : null);
        pool(2, 1, Duration.ofSeconds(5)).start(List.of("cpu"), d -> backend, b -> {}, LOAD_TIMEOUT_MILLIS);

        // When: the poison alone in its batch, several times
        List<JobFailure> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failures.add(failure(submit(13)));
        }

        // Then: bad input, dead-lettered; the device is not suspended although every batch failed
        assertThat(failures).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.INFERENCE_FAILED);
            assertThat(f.retriable()).isFalse();
        });
        assertThat(pool.health()).isEqualTo(Health.SERVING);
        assertThat(carries(submit(1).get(10, TimeUnit.SECONDS), 1)).isTrue();
    }

    @Test
    void shouldRetryTheJobsAndSuspendTheDeviceWhenItFailsEveryBatchAndTheProbe() throws Exception {
        // Given: a device that fails every call
        FakeBackend backend =
                new FakeBackend("cpu", c -> new IllegalStateException("CUDA error: an illegal memory access"));
        pool(2, 2, Duration.ofMillis(200)).start(List.of("cpu"), d -> backend, b -> {}, LOAD_TIMEOUT_MILLIS);

        // When: two failing batches
        JobFailure first = failure(submit(1));
        JobFailure second = failure(submit(2));

        // Then: retried, not dead-lettered; the device is suspended, the pool unavailable (hold intake), alive
        assertThat(first.retriable()).isTrue();
        assertThat(second.retriable()).isTrue();
        assertThat(first.dependency()).as("waits on the devices").isEqualTo(Dependency.INFERENCE);
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.health() == Health.UNAVAILABLE);
        assertThat(pool.states()).containsExactly(Map.entry("cpu", State.SUSPENDED));
        assertThat(pool.allThreadsAlive()).isTrue();

        // When: a job waits while the device is broken, then the device recovers
        CompletableFuture<Inferred> waiting = submit(3);
        sleepQuietly(300);
        boolean ranWhileBroken = waiting.isDone();
        backend.behave(c -> null);

        // Then: a probe finds it working; it takes batches again and runs the waiting job
        assertThat(ranWhileBroken).isFalse();
        assertThat(carries(waiting.get(10, TimeUnit.SECONDS), 3)).isTrue();
        assertThat(pool.health()).isEqualTo(Health.SERVING);
    }

    @Test
    void shouldEndASuspendedThreadAtOnceWhenStopped() throws Exception {
        // Given: a suspended device with a long wait before its next probe
        FakeBackend backend = new FakeBackend("cpu", c -> new IllegalStateException("device lost"));
        pool(2, 1, Duration.ofMinutes(10)).start(List.of("cpu"), d -> backend, b -> {}, LOAD_TIMEOUT_MILLIS);
        failure(submit(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.health() == Health.UNAVAILABLE);
        CompletableFuture<Inferred> queued = submit(2);

        // When
        long t0 = System.nanoTime();
        pool.stop(true, 10_000);

        // Then: no wait for the probe; the queued job is left for redelivery
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(pool.states()).containsExactly(Map.entry("cpu", State.STOPPED));
        assertThat(backend.closed.get()).isTrue();
        assertThat(queued).isNotDone();
    }

    @Test
    void shouldRefuseToStartWhenTheMaximumBatchDoesNotFitTheGpusMemory() {
        // Given: a GPU that runs out of memory above 3 canvases, and batches of up to 8
        pool(8, 3, Duration.ofSeconds(5));

        // When / Then
        assertThatThrownBy(
                        () -> pool.start(List.of("gpu:0"), d -> FakeBackend.oomAbove(3), b -> {}, LOAD_TIMEOUT_MILLIS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("batch.maxBatchSize 8 does not fit in the memory of gpu:0")
                .hasMessageContaining("the largest batch that ran was 2");
        assertThat(pool.allThreadsAlive()).isFalse();
    }

    @Test
    void shouldStartAfterRunningAFullBatchWhenItFitsTheGpusMemory() throws Exception {
        // Given
        FakeBackend gpu = FakeBackend.oomAbove(8);

        // When
        pool(8, 3, Duration.ofSeconds(5)).start(List.of("gpu:0"), d -> gpu, b -> {}, LOAD_TIMEOUT_MILLIS);

        // Then
        assertThat(gpu.calls).containsExactly(8);
        assertThat(pool.health()).isEqualTo(Health.SERVING);
    }

    @Test
    void shouldBeUnavailableWhenItHasNoThread() {
        assertThat(pool(2, 3, Duration.ofSeconds(5)).allServing()).isFalse();
        assertThat(pool.health()).isEqualTo(Health.UNAVAILABLE);
    }
}
