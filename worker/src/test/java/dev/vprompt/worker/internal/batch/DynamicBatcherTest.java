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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
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
        assertThat(batch.items()).extracting(BatchItem::input).containsExactly("in0", "in1", "in2");
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
    void shouldPutHigherPriorityFirstWhenQueueHoldsMoreThanOneBatch() throws Exception {
        // Given
        var b = batcher(2, Duration.ofHours(1), 10);
        b.submit(KEY, "low", "low", 0, NO_DEADLINE);
        b.submit(KEY, "high", "high", 5, NO_DEADLINE);
        b.submit(KEY, "mid", "mid", 1, NO_DEADLINE);
        // When
        Batch<String, String> batch = b.take();
        // Then
        assertThat(batch.items()).extracting(BatchItem::input).containsExactly("high", "mid");
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
        assertThat(batch.items()).extracting(BatchItem::input).containsExactly("ok");
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
}
