package dev.vprompt.worker.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.JobSource;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Bytes held by jobs in flight: intake held at the bound, let go at half, whatever the order of updates. */
class ByteBudgetTest {

    private final IdleSource source = new IdleSource();
    private final IntakeGate gate = new IntakeGate(source, 100);
    private final ByteBudget budget = new ByteBudget(1000, gate, Runnable::run);

    ByteBudgetTest() {
        gate.open(new JobSink() {
            @Override
            public void onRecords(List<JobRecord> records) {}

            @Override
            public void onPartitionsGone(Collection<TopicPartition> partitions) {}
        });
    }

    @Test
    void shouldHoldIntakeAtTheBoundAndLetGoAtHalfWhenJobsHoldAndReleaseBytes() {
        // Given
        ByteBudget.Account a = budget.open();
        ByteBudget.Account b = budget.open();
        // When: a job reads 600 bytes, then its canvases replace them (300); another reads 700
        a.holds(600);
        boolean pausedAt600 = gate.isPaused();
        a.holds(300);
        b.holds(700);
        boolean pausedAt1000 = gate.isPaused();
        b.adds(100);
        a.release();
        boolean pausedAt800 = gate.isPaused();
        b.holds(500);
        // Then
        assertThat(pausedAt600).isFalse();
        assertThat(pausedAt1000).isTrue();
        assertThat(pausedAt800)
                .as("between half and the bound intake stays held")
                .isTrue();
        assertThat(gate.isPaused()).isFalse();
        assertThat(budget.bytes()).isEqualTo(500);
        b.release();
        assertThat(budget.bytes()).isZero();
    }

    /** A source that does nothing: the test reads the gate's state. */
    private static final class IdleSource implements JobSource {
        @Override
        public void start(JobSink sink) {}

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void requestCommit() {}

        @Override
        public boolean isAlive() {
            return true;
        }
    }
}
