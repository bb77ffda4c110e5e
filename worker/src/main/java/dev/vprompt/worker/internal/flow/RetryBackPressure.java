package dev.vprompt.worker.internal.flow;

import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.RetryListener;
import dev.vprompt.worker.metrics.WorkerMetrics;

/**
 * Counts retries and holds intake while any operation is being retried: a transient failure means a dependency (S3,
 * the broker) looks down, and taking in more jobs would only pile them up behind it.
 *
 * <p>Threading: called by the {@link dev.vprompt.worker.internal.retry.RetryPolicy} on the flow's context, where the
 * {@link IntakeGate} lives.
 */
public final class RetryBackPressure implements RetryListener {

    private final IntakeGate gate;
    private final WorkerMetrics metrics;

    public RetryBackPressure(IntakeGate gate, WorkerMetrics metrics) {
        this.gate = gate;
        this.metrics = metrics;
    }

    @Override
    public void retrying(String stage, int failedAttempts, long delayMillis, JobFailure failure) {
        metrics.retry(stage);
        if (failedAttempts == 1) {
            gate.hold();
        }
    }

    @Override
    public void settled(String stage, boolean succeeded) {
        gate.unhold();
    }
}
