package dev.vprompt.worker.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.OffsetTracker;
import dev.vprompt.worker.internal.ingest.OutgoingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One transaction per commit: the held events of finished jobs and their offsets, both or neither. */
class TransactionalCommitsTest {

    private static final TopicPartition P0 = new TopicPartition("jobs", 0);

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final OffsetTracker tracker = new OffsetTracker();
    private final TransactionalCommits commits = new TransactionalCommits(producer, "tx-test");

    @BeforeEach
    void started() {
        consumer.assign(List.of(P0));
        commits.start(() -> true);
    }

    private void finished(long offset, String... keys) {
        long gen = tracker.track(P0, offset);
        JobRecord r = new JobRecord(P0, offset, gen, new byte[0], new byte[0], Map.of(), 0L);
        for (String k : keys) {
            tracker.stage(r, new OutgoingEvent("completions", k, k.getBytes(StandardCharsets.UTF_8), Map.of()));
        }
        tracker.complete(P0, gen, offset);
    }

    private List<String> published() {
        return producer.history().stream().map(ProducerRecord::key).toList();
    }

    private List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committedOffsets() {
        return producer.consumerGroupOffsetsHistory();
    }

    @Test
    void shouldPublishTheEventsAndCommitTheirOffsetsInOneTransactionWhenJobsFinished() {
        // Given
        finished(0, "job-0");
        finished(1, "job-1", "job-1-dead-letter");
        // When
        commits.commitSoon(consumer, tracker);
        // Then
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(published()).containsExactly("job-0", "job-1", "job-1-dead-letter");
        assertThat(committedOffsets()).containsExactly(Map.of("dummy.group.id", Map.of(P0, new OffsetAndMetadata(2))));
        assertThat(tracker.stagedCount()).isZero();
        assertThat(commits.committed()).isOne();
    }

    @Test
    void shouldBeginNoTransactionWhenNothingFinished() {
        // Given
        tracker.track(P0, 0);
        // When
        commits.commitSoon(consumer, tracker);
        // Then
        assertThat(producer.transactionInFlight()).isFalse();
        assertThat(commits.committed()).isZero();
    }

    @Test
    void shouldAbortAndKeepTheEventsWhenTheCommitIsRefusedThenPublishThemOnceWithTheNextCommit() {
        // Given: the group rebalanced between the offsets and the commit
        finished(0, "job-0");
        producer.commitTransactionException = new CommitFailedException("generation moved on");
        // When
        commits.commitSoon(consumer, tracker);
        // Then: nothing visible, nothing committed, the event still held
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(published()).isEmpty();
        assertThat(committedOffsets()).isEmpty();
        assertThat(tracker.stagedCount()).isOne();
        assertThat(commits.aborted()).isOne();

        // When: the next commit succeeds, with a job finished meanwhile
        producer.commitTransactionException = null;
        finished(1, "job-1");
        commits.commitSoon(consumer, tracker);
        // Then
        assertThat(published()).containsExactly("job-0", "job-1");
        assertThat(committedOffsets()).containsExactly(Map.of("dummy.group.id", Map.of(P0, new OffsetAndMetadata(2))));
    }

    @Test
    void shouldRetryTheSameCommitBeforeAnyOtherWhenItsAnswerTimedOut() {
        // Given: a commit whose answer did not come in time
        finished(0, "job-0");
        producer.commitTransactionException = new TimeoutException("no answer");
        commits.commitSoon(consumer, tracker);
        assertThat(producer.transactionInFlight()).isTrue();
        assertThat(tracker.stagedCount()).isOne();
        // When: the broker answers again, and another job finished meanwhile
        producer.commitTransactionException = null;
        finished(1, "job-1");
        commits.commitSoon(consumer, tracker);
        // Then: first the transaction in doubt completes unchanged, then a new one carries the later job
        assertThat(published()).containsExactly("job-0", "job-1");
        assertThat(committedOffsets())
                .containsExactly(
                        Map.of("dummy.group.id", Map.of(P0, new OffsetAndMetadata(1))),
                        Map.of("dummy.group.id", Map.of(P0, new OffsetAndMetadata(2))));
        assertThat(tracker.stagedCount()).isZero();
    }

    @Test
    void shouldCommitOnlyTheRevokedPartitionsWhenAskedBeforeARevocation() {
        // Given
        TopicPartition p1 = new TopicPartition("jobs", 1);
        consumer.assign(List.of(P0, p1));
        finished(0, "job-p0");
        long gen = tracker.track(p1, 0);
        tracker.stage(
                new JobRecord(p1, 0, gen, new byte[0], new byte[0], Map.of(), 0L),
                new OutgoingEvent("completions", "job-p1", new byte[1], Map.of()));
        tracker.complete(p1, gen, 0);
        // When
        commits.commitNow(consumer, tracker, List.of(p1));
        // Then
        assertThat(published()).containsExactly("job-p1");
        assertThat(tracker.stagedCount()).isOne();
    }

    @Test
    void shouldStopTheConsumerThreadWhenANewerProducerFencedThisOne() {
        // Given: a successor with the same transactional id started
        finished(0, "job-0");
        producer.fenceProducer();
        // When / Then
        assertThatThrownBy(() -> commits.commitSoon(consumer, tracker))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tx-test can no longer transact");
        assertThat(published()).isEmpty();
    }
}
