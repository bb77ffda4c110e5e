package dev.vprompt.worker.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.JobFailure.Kind;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryReporterTest {

    @Test
    void shouldCountEveryRetryAndPassOnOnlyTheDependenciesFailuresWaitedOn() {
        // Given
        WorkerMetrics metrics = new WorkerMetrics();
        List<Dependency> suspected = new ArrayList<>();
        RetryReporter reporter = new RetryReporter(metrics, suspected::add);
        JobFailure storeDown = JobFailure.transientFailure(Dependency.STORE, "S3 unavailable", null);
        JobFailure brokerDown = JobFailure.transientFailure(Dependency.BROKER, "no leader", null);
        JobFailure batcherFull = JobFailure.transientFailure("batcher full", null);
        // When
        reporter.retrying("fetch", 1, 10, storeDown);
        reporter.retrying("fetch", 2, 20, storeDown);
        reporter.retrying("publish", 1, 10, brokerDown);
        reporter.retrying("batch", 1, 10, batcherFull);
        reporter.settled("fetch", true);
        // Then
        assertThat(batcherFull.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(suspected).containsExactly(Dependency.STORE, Dependency.STORE, Dependency.BROKER);
        assertThat(metrics.scrape())
                .contains("vp_retries_total{stage=\"fetch\"} 2.0")
                .contains("vp_retries_total{stage=\"publish\"} 1.0")
                .contains("vp_retries_total{stage=\"batch\"} 1.0");
    }
}
