package dev.vprompt.worker.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchLimitTest {

    @Test
    void shouldStartAtTheMaximumAndNeverRiseAboveItWhenCallsSucceed() {
        // Given
        BatchLimit limit = new BatchLimit(8, 1);

        // When
        limit.succeeded(8);
        limit.succeeded(8);

        // Then
        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void shouldForgetWhatFitWhenASizeThatFitBeforeRunsOutOfMemory() {
        // Given: 6 fit, then memory got tighter
        BatchLimit limit = new BatchLimit(8, 100);
        limit.succeeded(6);

        // When
        limit.outOfMemory(6);

        // Then: half of 6, not the 6 that no longer fits
        assertThat(limit.limit()).isEqualTo(3);
    }

    @Test
    void shouldNotGoBelowOneWhenASingleCanvasRunsOutOfMemory() {
        // Given
        BatchLimit limit = new BatchLimit(4, 100);

        // When
        limit.outOfMemory(1);

        // Then
        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void shouldNotRaiseWhenTheSuccessfulCallsWereSmallerThanTheLimit() {
        // Given
        BatchLimit limit = new BatchLimit(16, 2);
        limit.outOfMemory(16);

        // When: light traffic, calls well below the limit of 8
        limit.succeeded(3);
        limit.succeeded(3);
        limit.succeeded(3);

        // Then
        assertThat(limit.limit()).isEqualTo(8);
    }
}
