package dev.vprompt.worker.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.JobSource;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.metrics.WorkerMetrics;
import org.junit.jupiter.api.Test;

class RetryBackPressureTest {

    @Test
    void shouldHoldIntakeOncePerRetriedOperationAndCountEveryRetryWhenDependenciesFail() {
        // Given
        IntakeGate gate = new IntakeGate(new IdleSource(), 8);
        WorkerMetrics metrics = new WorkerMetrics();
        RetryBackPressure listener = new RetryBackPressure(gate, metrics);
        JobFailure down = JobFailure.transientFailure("S3 unavailable", null);
        // When: two operations are retried, one of them three times
        listener.retrying("fetch", 1, 10, down);
        listener.retrying("fetch", 2, 20, down);
        listener.retrying("fetch", 3, 40, down);
        listener.retrying("publish", 1, 10, down);
        boolean pausedWhileRetrying = gate.isPaused();
        listener.settled("fetch", true);
        boolean pausedWhileOneIsLeft = gate.isPaused();
        listener.settled("publish", false);
        // Then
        assertThat(pausedWhileRetrying).isTrue();
        assertThat(pausedWhileOneIsLeft).isTrue();
        assertThat(gate.isPaused()).isFalse();
        assertThat(metrics.scrape())
                .contains("vp_retries_total{stage=\"fetch\"} 3.0")
                .contains("vp_retries_total{stage=\"publish\"} 1.0");
    }

    private static final class IdleSource implements JobSource {
        @Override
        public void start(JobSink sink) {}

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void requestCommit() {}
    }
}
