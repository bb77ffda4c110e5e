package dev.vprompt.worker.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    private static final BatchKey KEY = new BatchKey("m", 147);
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);

    private DynamicBatcher<String, String> batcher(int size, Duration delay, int capacity) {
        return new DynamicBatcher<>(
                BatchSettings.builder()
                        .maxBatchSize(size)
                        .maxBatchDelay(delay)
                        .queueCapacity(capacity)
                        .build(),
                "w",
                nanos::get,
                clock);
    }

    @Test
    void shouldCloseBatchWhenFull() throws Exception {
        // Given
        var b = batcher(3, Duration.ofHours(1), 10);
        for (int i = 0; i < 4; i++) {
            b.submit(KEY, "job" + i, "in" + i, 0, NO_DEADLINE);
        }
        // When
        Batch<String, String> batch = b.take();
        // Then: full batch of the first three in arrival order
        assertThat(batch.inputs()).containsExactly("in0", "in1", "in2");
        assertThat(b.queued()).isEqualTo(1);
    }

    @Test
    void shouldCloseBatchWhenOldestItemWaitedMaxDelay() throws Exception {
        // Given
        var b = batcher(8, Duration.ofMillis(20), 10);
        b.submit(KEY, "job", "in", 0, NO_DEADLINE);
        // When: the clock passes the delay
        nanos.addAndGet(Duration.ofMillis(21).toNanos());
        Batch<String, String> batch = b.take();
        // Then
        assertThat(batch.size()).isEqualTo(1);
    }

    @Test
    void shouldOrderTheExtremePrioritiesLikeAnyOtherWhenTheyAreIntegerMinAndMax() throws Exception {
        // Given: the lowest and highest priorities an int can hold, around an ordinary one
        var b = batcher(1, Duration.ofHours(1), 10);
        b.submit(KEY, "lowest", "lowest", Integer.MIN_VALUE, NO_DEADLINE);
        b.submit(KEY, "ordinary", "ordinary", 0, NO_DEADLINE);
        b.submit(KEY, "highest", "highest", Integer.MAX_VALUE, NO_DEADLINE);
        // When
        String first = b.take().inputs().get(0);
        String second = b.take().inputs().get(0);
        String third = b.take().inputs().get(0);
        // Then
        assertThat(List.of(first, second, third)).containsExactly("highest", "ordinary", "lowest");
    }

    @Test
    void shouldPutHigherPriorityFirstWhenQueueHoldsMoreThanOneBatch() throws Exception {
        // Given
        var b = batcher(2, Duration.ofHours(1), 10);
        b.submit(KEY, "low", "low", 0, NO_DEADLINE);
        b.submit(KEY, "high", "high", 5, NO_DEADLINE);
        b.submit(KEY, "mid", "mid", 1, NO_DEADLINE);
        // When
        Batch<String, String> batch = b.take();
        // Then
        assertThat(batch.inputs()).containsExactly("high", "mid");
    }

    @Test
    void shouldNeverMixKeysWhenItemsDifferInKeptCount() throws Exception {
        // Given
        var b = batcher(4, Duration.ZERO, 10);
        b.submit(KEY, "a", "a", 0, NO_DEADLINE);
        b.submit(new BatchKey("m", 171), "b", "b", 0, NO_DEADLINE);
        // When
        Batch<String, String> first = b.take();
        Batch<String, String> second = b.take();
        // Then
        assertThat(first.size()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(1);
        assertThat(first.key()).isNotEqualTo(second.key());
    }

    @Test
    void shouldFailItemWithDeadlineExceededWhenDeadlinePassedInQueue() throws Exception {
        // Given
        var b = batcher(2, Duration.ZERO, 10);
        CompletableFuture<String> late = b.submit(KEY, "late", "late", 0, clock.millis() - 1);
        b.submit(KEY, "ok", "ok", 0, NO_DEADLINE);
        // When
        Batch<String, String> batch = b.take();
        // Then
        assertThat(batch.inputs()).containsExactly("ok");
        assertThat(late).isCompletedExceptionally();
        assertThatThrownBy(late::join)
                .hasCauseInstanceOf(JobFailure.class)
                .cause()
                .satisfies(c -> assertThat(((JobFailure) c).code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
    }

    @Test
    void shouldRejectAtOnceWhenQueueIsFull() {
        // Given
        var b = batcher(2, Duration.ofHours(1), 2);
        b.submit(KEY, "a", "a", 0, NO_DEADLINE);
        b.submit(KEY, "b", "b", 0, NO_DEADLINE);
        // When / Then
        assertThatThrownBy(() -> b.submit(KEY, "c", "c", 0, NO_DEADLINE)).isInstanceOf(BatcherFullException.class);
    }

    @Test
    void shouldHandOutPartialBatchThenNullWhenClosed() throws Exception {
        // Given
        var b = batcher(8, Duration.ofHours(1), 10);
        b.submit(KEY, "a", "a", 0, NO_DEADLINE);
        // When
        b.close();
        // Then
        assertThat(b.take().size()).isEqualTo(1);
        assertThat(b.take()).isNull();
    }

    private static List<String> inputs(String unit, int n) {
        return IntStream.range(0, n).mapToObj(i -> unit + "." + i).toList();
    }

    @Test
    void shouldRunAUnitInOneBatchWhenItArrivesBetweenSingles() throws Exception {
        // Given: maxBatchSize 8; a single, an ensemble of eight, a single
        var b = batcher(8, Duration.ofHours(1), 64);
        b.submit(KEY, "a", "a", 0, NO_DEADLINE);
        CompletableFuture<List<String>> ensemble = b.submitUnit(KEY, "e", inputs("e", 8), 0, NO_DEADLINE);
        b.submit(KEY, "b", "b", 0, NO_DEADLINE);

        // When
        Batch<String, String> first = b.take();
        Batch<String, String> second = b.take();

        // Then: the ensemble does not fit beside "a", keeps its place, and runs whole in the next batch
        assertThat(first.inputs()).containsExactly("a", "b");
        assertThat(second.inputs()).containsExactlyElementsOf(inputs("e", 8));
        assertThat(second.unitCount()).isEqualTo(1);
        assertThat(ensemble).isNotDone();
        assertThat(b.queued()).isZero();
    }

    @Test
    void shouldNeverSplitAUnitAcrossBatchesWhenUnitsOfEverySizeInterleave() throws Exception {
        // Given: 300 units of 1 to 8 inputs (ensembles of eight, example fusions of 2 to 7), mixed priorities
        var b = batcher(8, Duration.ZERO, 4096);
        Random random = new Random(11);
        Map<String, List<String>> submitted = new HashMap<>();
        for (int u = 0; u < 300; u++) {
            int size = random.nextInt(4) == 0 ? 8 : 1 + random.nextInt(7);
            String id = "u" + u;
            submitted.put(id, inputs(id, size));
            b.submitUnit(KEY, id, inputs(id, size), random.nextInt(3), NO_DEADLINE);
        }
        b.close();

        // When
        List<Batch<String, String>> batches = new ArrayList<>();
        for (Batch<String, String> batch = b.take(); batch != null; batch = b.take()) {
            batches.add(batch);
        }

        // Then: every unit in exactly one batch, whole and in order; no batch over the bound
        Map<String, Integer> seen = new HashMap<>();
        for (Batch<String, String> batch : batches) {
            assertThat(batch.size()).isLessThanOrEqualTo(8);
            for (BatchUnit<String, String> unit : batch.units()) {
                assertThat(seen.put(unit.jobId(), 1)).as(unit.jobId()).isNull();
                assertThat(unit.inputs()).containsExactlyElementsOf(submitted.get(unit.jobId()));
            }
            List<String> flat = batch.inputs();
            for (String input : flat) {
                String owner = input.substring(0, input.indexOf('.'));
                assertThat(batch.units()).extracting(BatchUnit::jobId).contains(owner);
            }
        }
        assertThat(seen).hasSameSizeAs(submitted);
    }

    @Test
    void shouldRefuseAUnitLargerThanABatchWhenSubmitted() {
        // Given
        var b = batcher(4, Duration.ofHours(1), 64);

        // When / Then
        assertThatThrownBy(() -> b.submitUnit(KEY, "e", inputs("e", 8), 0, NO_DEADLINE))
                .isInstanceOf(UnitTooLargeException.class)
                .hasMessageContaining("maxBatchSize is 4");
        assertThat(b.queued()).isZero();
    }

    @Test
    void shouldCountEveryInputOfAUnitAgainstTheCapacityWhenQueueing() {
        // Given: room for ten inputs, seven taken
        var b = batcher(8, Duration.ofHours(1), 10);
        b.submitUnit(KEY, "a", inputs("a", 7), 0, NO_DEADLINE);

        // When / Then
        assertThatThrownBy(() -> b.submitUnit(KEY, "e", inputs("e", 4), 0, NO_DEADLINE))
                .isInstanceOf(BatcherFullException.class);
        b.submitUnit(KEY, "c", inputs("c", 3), 0, NO_DEADLINE);
        assertThat(b.queued()).isEqualTo(10);
    }

    @Test
    void shouldCloseABatchWhenItsUnitsReachTheSizeBound() throws Exception {
        // Given: two units of four fill a batch of eight at once
        var b = batcher(8, Duration.ofHours(1), 64);
        b.submitUnit(KEY, "x", inputs("x", 4), 0, NO_DEADLINE);
        b.submitUnit(KEY, "y", inputs("y", 4), 0, NO_DEADLINE);

        // When
        Batch<String, String> batch = b.take();

        // Then
        assertThat(batch.size()).isEqualTo(8);
        assertThat(batch.unitCount()).isEqualTo(2);
    }
}
