package dev.vprompt.worker.internal.flow;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.RetryListener;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.util.function.Consumer;

/**
 * Counts retries ({@code vp_retries_total{stage}}) and passes each transient failure of a dependency on as a
 * suspicion, so the dependency's probe runs soon. One job's retries never hold intake: only a probe that finds a
 * dependency down does (see {@link dev.vprompt.worker.internal.probe.DependencyMonitor}).
 *
 * <p>Threading: called by the {@link dev.vprompt.worker.internal.retry.RetryPolicy} on the flow's context;
 * {@code suspects} runs there too.
 */
public final class RetryReporter implements RetryListener {

    private final WorkerMetrics metrics;
    private final Consumer<Dependency> suspects;

    /** @param suspects told of the dependency each transient failure waited on */
    public RetryReporter(WorkerMetrics metrics, Consumer<Dependency> suspects) {
        this.metrics = metrics;
        this.suspects = suspects;
    }

    @Override
    public void retrying(String stage, int failedAttempts, long delayMillis, JobFailure failure) {
        metrics.retry(stage);
        if (failure.dependency() != Dependency.NONE) {
            suspects.accept(failure.dependency());
        }
    }

    @Override
    public void settled(String stage, boolean succeeded) {}
}
