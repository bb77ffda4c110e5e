package dev.vprompt.worker.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.JobSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Back-pressure with hysteresis, holds, shutdown and drain, against a source that records what it is told. */
class IntakeGateTest {

    private final RecordingSource source = new RecordingSource();
    private final List<JobRecord> delivered = new ArrayList<>();
    private final IntakeGate gate = new IntakeGate(source, 4);

    private void open() {
        gate.open(new JobSink() {
            @Override
            public void onRecords(List<JobRecord> records) {
                delivered.addAll(records);
            }

            @Override
            public void onPartitionsGone(Collection<TopicPartition> partitions) {
                source.calls.add("gone " + partitions);
            }
        });
    }

    private static List<JobRecord> records(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new JobRecord(new TopicPartition("jobs", 0), i, 1, null, new byte[0], Map.of(), 0))
                .toList();
    }

    private void release(int n) {
        for (int i = 0; i < n; i++) {
            gate.release();
        }
    }

    @Test
    void shouldPauseAtTheBoundAndResumeOnlyAtHalfWhenJobsFinish() {
        // Given
        open();
        // When: four jobs arrive, then finish one by one
        source.deliver(records(4));
        boolean pausedAtBound = gate.isPaused();
        release(1);
        boolean pausedAtThree = gate.isPaused();
        release(1);
        // Then
        assertThat(delivered).hasSize(4);
        assertThat(pausedAtBound).isTrue();
        assertThat(pausedAtThree)
                .as("between half and the bound the source stays paused")
                .isTrue();
        assertThat(gate.isPaused()).isFalse();
        assertThat(gate.inFlight()).isEqualTo(2);
        assertThat(source.calls).containsExactly("start", "pause", "resume");
    }

    @Test
    void shouldStayPausedWhileHeldWhateverIsInFlight() {
        // Given
        open();
        source.deliver(records(1));
        // When
        gate.hold();
        gate.hold();
        release(1);
        boolean pausedWithNothingInFlight = gate.isPaused();
        gate.unhold();
        boolean pausedWithOneHold = gate.isPaused();
        gate.unhold();
        // Then
        assertThat(pausedWithNothingInFlight).isTrue();
        assertThat(pausedWithOneHold).isTrue();
        assertThat(gate.isPaused()).isFalse();
        assertThat(source.calls).containsExactly("start", "pause", "resume");
    }

    @Test
    void shouldNeverResumeWhenClosed() {
        // Given
        open();
        source.deliver(records(4));
        // When
        gate.close();
        release(4);
        // Then
        assertThat(gate.isPaused()).isTrue();
        assertThat(source.calls).containsExactly("start", "pause");
    }

    @Test
    void shouldCompleteTheDrainAndAskForACommitWhenTheLastJobLeaves() {
        // Given
        open();
        source.deliver(records(2));
        gate.close();
        // When
        CompletableFuture<Void> drained = gate.drained();
        release(1);
        boolean doneWithOneLeft = drained.isDone();
        release(1);
        // Then
        assertThat(doneWithOneLeft).isFalse();
        assertThat(drained).isCompleted();
        assertThat(source.calls).endsWith("commit");
    }

    @Test
    void shouldBeDrainedAtOnceWhenNothingIsInFlight() {
        // Given
        open();
        // When / Then
        assertThat(gate.drained()).isCompleted();
        assertThat(source.calls).doesNotContain("commit");
    }

    @Test
    void shouldPassRevocationsToTheFlowWhenTheSourceLosesPartitions() {
        // Given
        open();
        // When
        source.sink.onPartitionsGone(List.of(new TopicPartition("jobs", 1)));
        // Then
        assertThat(source.calls).containsExactly("start", "gone [jobs-1]");
    }

    @Test
    void shouldRefuseABoundBelowOneWhenCreated() {
        assertThatThrownBy(() -> new IntakeGate(source, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntakeGate(source, 8, 5))
                .as("a delivery must fit under the bound while half of it is in flight")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPauseBeforeTheNextDeliveryCouldPassTheBoundWhenDeliveriesHoldSeveralRecords() {
        // Given: at most 8 in flight, deliveries of up to 4 records (a poll)
        IntakeGate polled = new IntakeGate(source, 8, 4);
        polled.open(new JobSink() {
            @Override
            public void onRecords(List<JobRecord> records) {}

            @Override
            public void onPartitionsGone(Collection<TopicPartition> partitions) {}
        });
        // When: 4 arrive (another full poll still fits), then 1 more (it would not)
        source.deliver(records(4));
        boolean pausedAtFour = polled.isPaused();
        source.deliver(records(1));
        boolean pausedAtFive = polled.isPaused();
        polled.release();
        // Then: paused at 5, so a source delivering one poll at a time never brings more than 8; resumed at half
        assertThat(pausedAtFour).isFalse();
        assertThat(pausedAtFive).isTrue();
        assertThat(polled.isPaused()).isFalse();
        assertThat(source.calls).containsExactly("start", "pause", "resume");
    }

    /** A source that records the calls it gets and delivers records when the test says so. */
    private static final class RecordingSource implements JobSource {
        final List<String> calls = new ArrayList<>();
        JobSink sink;

        void deliver(List<JobRecord> records) {
            sink.onRecords(records);
        }

        @Override
        public void start(JobSink sink) {
            this.sink = sink;
            calls.add("start");
        }

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public void requestCommit() {
            calls.add("commit");
        }
    }
}
