package dev.vprompt.worker.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("jobs", 0);
    private static final TopicPartition P1 = new TopicPartition("jobs", 1);

    @Test
    void shouldCommitOnlyUpToLowestUnfinishedOffsetWhenJobsFinishOutOfOrder() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        long gen = 0;
        for (long o = 10; o < 15; o++) {
            gen = tracker.track(P0, o);
        }
        // When: 11, 12 and 14 finish, 10 and 13 are still running
        tracker.complete(P0, gen, 11);
        tracker.complete(P0, gen, 12);
        tracker.complete(P0, gen, 14);
        // Then
        assertThat(tracker.committable(null)).containsEntry(P0, new OffsetAndMetadata(10));

        // When: 10 finishes
        tracker.complete(P0, gen, 10);
        // Then: 13 is the first unfinished record
        assertThat(tracker.committable(null)).containsEntry(P0, new OffsetAndMetadata(13));

        // When: everything finishes
        tracker.complete(P0, gen, 13);
        // Then: commit past the last record
        assertThat(tracker.committable(null)).containsEntry(P0, new OffsetAndMetadata(15));
    }

    @Test
    void shouldNotOfferTheSameOffsetTwiceWhenAlreadyCommitted() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        long gen = tracker.track(P0, 0);
        tracker.complete(P0, gen, 0);
        // When
        tracker.committed(tracker.committable(null));
        // Then
        assertThat(tracker.committable(null)).isEmpty();
    }

    @Test
    void shouldIgnoreCompletionsOfAnEarlierGenerationWhenPartitionWasRevokedAndReassigned() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        long oldGen = tracker.track(P0, 5);
        tracker.forget(List.of(P0));
        long newGen = tracker.track(P0, 5);
        // When: the job polled before the revocation finishes late
        boolean accepted = tracker.complete(P0, oldGen, 5);
        // Then
        assertThat(newGen).isNotEqualTo(oldGen);
        assertThat(accepted).isFalse();
        assertThat(tracker.isCurrent(P0, oldGen)).isFalse();
        assertThat(tracker.committable(null)).containsEntry(P0, new OffsetAndMetadata(5));
    }

    @Test
    void shouldLimitCommitsToRequestedPartitionsWhenAskedForASubset() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        long g0 = tracker.track(P0, 0);
        long g1 = tracker.track(P1, 0);
        tracker.complete(P0, g0, 0);
        tracker.complete(P1, g1, 0);
        // When
        var offsets = tracker.committable(List.of(P1));
        // Then
        assertThat(offsets).containsOnlyKeys(P1);
        assertThat(tracker.pendingCount()).isZero();
    }
}
