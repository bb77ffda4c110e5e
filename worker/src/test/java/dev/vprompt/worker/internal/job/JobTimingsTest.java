package dev.vprompt.worker.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.StageTimings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTimingsTest {

    private static final long POLL_MILLIS = 1_800_000_000_000L;
    private static final long POLL_NANOS = 5_000_000_000L;

    /** A monotonic clock the test moves by hand. */
    private long nanos = POLL_NANOS;

    private JobTimings polled(long recordTimestampMillis) {
        return new JobTimings(recordTimestampMillis, POLL_MILLIS, () -> nanos);
    }

    private void at(double millisSincePoll) {
        nanos = POLL_NANOS + Math.round(millisSincePoll * 1_000_000);
    }

    @Test
    void shouldAddStagesUpToTotalFromSubmittedAtWhenJobSucceeds() {
        // Given: submitted 40 ms before the poll, record produced 10 ms before it; boundaries at fractional ms
        JobTimings t = polled(POLL_MILLIS - 10);
        t.submittedAt(Instant.ofEpochMilli(POLL_MILLIS - 40));
        at(2.6);
        t.fetched();
        at(7.3);
        t.prepared();
        at(9.9);
        t.batchClosed(nanos);
        at(31.2);
        t.inferDone();
        at(35.8);

        // When
        StageTimings s = t.toEvent();

        // Then: boundaries 2, 7, 9, 31, 35 ms after the poll
        assertThat(s.getQueueMs()).isEqualTo(40);
        assertThat(s.getFetchMs()).isEqualTo(2);
        assertThat(s.getPrepareMs()).isEqualTo(5);
        assertThat(s.getBatchWaitMs()).isEqualTo(2);
        assertThat(s.getInferMs()).isEqualTo(22);
        assertThat(s.getPublishMs()).isEqualTo(4);
        assertThat(s.getTotalMs()).isEqualTo(75).isEqualTo(sum(s));
    }

    @Test
    void shouldMeasureQueueFromTheRecordTimestampWhenSubmittedAtIsNotSet() {
        // Given
        JobTimings t = polled(POLL_MILLIS - 10);
        t.submittedAt(Instant.EPOCH);
        at(3.5);

        // When
        StageTimings s = t.toEvent();

        // Then
        assertThat(s.getQueueMs()).isEqualTo(10);
        assertThat(s.getTotalMs()).isEqualTo(13).isEqualTo(sum(s));
    }

    @Test
    void shouldCountNoQueueWhenTheSubmitterClockIsAheadOrNoOriginIsKnown() {
        // Given
        JobTimings ahead = polled(POLL_MILLIS - 10);
        ahead.submittedAt(Instant.ofEpochMilli(POLL_MILLIS + 500));
        JobTimings unknown = polled(-1);
        at(1);

        // When
        StageTimings a = ahead.toEvent();
        StageTimings u = unknown.toEvent();

        // Then
        assertThat(a.getQueueMs()).isZero();
        assertThat(u.getQueueMs()).isZero();
        assertThat(a.getTotalMs()).isEqualTo(1).isEqualTo(sum(a));
    }

    @Test
    void shouldCountTheTimeInTheFetchStageWhenTheJobFailsBeforeItsImagesArrive() {
        // Given
        JobTimings t = polled(POLL_MILLIS - 5);
        at(120.4);

        // When
        StageTimings s = t.toEvent();

        // Then
        assertThat(s.getFetchMs()).isEqualTo(120);
        assertThat(s.getPrepareMs()).isZero();
        assertThat(s.getBatchWaitMs()).isZero();
        assertThat(s.getInferMs()).isZero();
        assertThat(s.getPublishMs()).isZero();
        assertThat(s.getTotalMs()).isEqualTo(125).isEqualTo(sum(s));
    }

    @Test
    void shouldCountTheTimeAfterPreparationAsBatchWaitWhenItsBatchNeverReturns() {
        // Given
        JobTimings t = polled(POLL_MILLIS);
        at(4);
        t.fetched();
        at(6);
        t.prepared();
        at(60);

        // When
        StageTimings s = t.toEvent();

        // Then
        assertThat(s.getFetchMs()).isEqualTo(4);
        assertThat(s.getPrepareMs()).isEqualTo(2);
        assertThat(s.getBatchWaitMs()).isEqualTo(54);
        assertThat(s.getInferMs()).isZero();
        assertThat(s.getPublishMs()).isZero();
        assertThat(s.getTotalMs()).isEqualTo(60).isEqualTo(sum(s));
    }

    @Test
    void shouldKeepStagesNonNegativeWhenAMarkIsEarlierThanThePreviousOne() {
        // Given: a batch-close time (taken by the inference thread) before the prepared mark
        JobTimings t = polled(POLL_MILLIS);
        at(3);
        t.fetched();
        long closed = POLL_NANOS + 4_000_000;
        at(5);
        t.prepared();
        t.batchClosed(closed);
        at(8);
        t.inferDone();
        at(9);

        // When
        StageTimings s = t.toEvent();

        // Then
        assertThat(s.getBatchWaitMs()).isZero();
        assertThat(s.getInferMs()).isEqualTo(3);
        assertThat(s.getTotalMs()).isEqualTo(9).isEqualTo(sum(s));
    }

    private static long sum(StageTimings s) {
        return s.getQueueMs()
                + s.getFetchMs()
                + s.getPrepareMs()
                + s.getBatchWaitMs()
                + s.getInferMs()
                + s.getPublishMs();
    }
}
