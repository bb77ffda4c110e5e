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
        // Then: 10, the first record polled, still runs: nothing to commit beyond where the group already is
        assertThat(tracker.committable(null)).isEmpty();

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
        assertThat(tracker.committable(null)).isEmpty();
        // When: the new run finishes
        tracker.complete(P0, newGen, 5);
        // Then
        assertThat(tracker.committable(null)).containsEntry(P0, new OffsetAndMetadata(6));
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

    private static JobRecord record(TopicPartition tp, long offset, long generation) {
        return new JobRecord(tp, offset, generation, new byte[0], new byte[0], java.util.Map.of(), 0L);
    }

    private static OutgoingEvent event(String key) {
        return new OutgoingEvent(
                "completions", key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
    }

    @Test
    void shouldHandOutOnlyTheEventsBelowTheCommittableOffsetWhenJobsFinishOutOfOrder() {
        // Given: offsets 0..2 polled; 1 and 2 finish (events held), 0 is still running
        OffsetTracker tracker = new OffsetTracker();
        long gen = 0;
        for (long o = 0; o < 3; o++) {
            gen = tracker.track(P0, o);
        }
        assertThat(tracker.stage(record(P0, 1, gen), event("job-1"))).isTrue();
        tracker.complete(P0, gen, 1);
        assertThat(tracker.stage(record(P0, 2, gen), event("job-2"))).isTrue();
        tracker.complete(P0, gen, 2);
        // When
        OffsetTracker.Ready blocked = tracker.ready(null);
        // Then: nothing can commit, so no event may be published
        assertThat(blocked.isEmpty()).isTrue();
        assertThat(blocked.events()).isEmpty();
        assertThat(tracker.stagedCount()).isEqualTo(2);

        // When: job 0 finishes with two events (a FAILED completion and its dead letter)
        tracker.stage(record(P0, 0, gen), event("job-0"));
        tracker.stage(record(P0, 0, gen), event("job-0-dead-letter"));
        tracker.complete(P0, gen, 0);
        OffsetTracker.Ready ready = tracker.ready(null);
        // Then: every event, in offset order, with the offset past them
        assertThat(ready.offsets()).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(ready.events())
                .extracting(OutgoingEvent::key)
                .containsExactly("job-0", "job-0-dead-letter", "job-1", "job-2");

        // When: the transaction committed
        tracker.committed(ready.offsets());
        // Then: the events are let go and not offered again
        assertThat(tracker.stagedCount()).isZero();
        assertThat(tracker.ready(null).isEmpty()).isTrue();
    }

    @Test
    void shouldKeepTheEventsWhenACommitDidNotHappen() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        long gen = tracker.track(P0, 7);
        tracker.stage(record(P0, 7, gen), event("job-7"));
        tracker.complete(P0, gen, 7);
        // When: handed out twice without a commit (an aborted transaction between)
        OffsetTracker.Ready first = tracker.ready(null);
        OffsetTracker.Ready second = tracker.ready(null);
        // Then
        assertThat(second).isEqualTo(first);
        assertThat(second.events()).extracting(OutgoingEvent::key).containsExactly("job-7");
    }

    @Test
    void shouldRefuseToHoldAnEventWhenItsPartitionWasRevoked() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        long oldGen = tracker.track(P0, 3);
        tracker.stage(record(P0, 3, oldGen), event("before"));
        tracker.track(P1, 0);
        // When
        tracker.forget(List.of(P0));
        long newGen = tracker.track(P0, 3);
        // Then: the held event went with the partition, and the old run cannot add any
        assertThat(tracker.stagedCount()).isZero();
        assertThat(tracker.stage(record(P0, 3, oldGen), event("late"))).isFalse();
        assertThat(tracker.stage(record(P0, 3, newGen), event("new owner"))).isTrue();
        assertThat(tracker.stage(record(P1, 1, newGen), event("never polled"))).isFalse();
    }
}
