package dev.vprompt.worker.internal.flow;

import dev.vprompt.worker.internal.ingest.RecordOutcomes;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.publish.OutcomePublisher;
import dev.vprompt.worker.internal.retry.RetryBudgets;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a job leaves the flow. Exactly one of:
 *
 * <ul>
 *   <li><b>published</b>: it succeeded, or failed permanently and its FAILED completion and dead letter were
 *       acknowledged; its record is settled ({@link RecordOutcomes#succeeded}, {@link RecordOutcomes#deadLettered}:
 *       its offset committable, or the record acknowledged in a share group);
 *   <li><b>left for redelivery</b> ({@link RecordOutcomes#abandoned}): nothing is published and the record is not
 *       settled, so it is delivered again: it is no longer this worker's ({@link JobRun#owned}: its partition was
 *       revoked, or the worker is past its drain timeout), retrying was given up because the worker is stopping, or
 *       its failure could not be published.
 * </ul>
 *
 * Either way the {@link IntakeGate} is released.
 *
 * <p>Threading: confined to the flow's context; publishing completes elsewhere and comes back through it.
 */
final class JobEnding {

    private static final Logger LOGGER = LoggerFactory.getLogger(JobEnding.class);

    private final Executor context;
    private final OutcomePublisher publisher;
    private final RetryBudgets budgets;
    private final IntakeGate gate;
    private final RecordOutcomes outcomes;
    private final WorkerMetrics metrics;

    JobEnding(
            Executor context,
            OutcomePublisher publisher,
            RetryBudgets budgets,
            IntakeGate gate,
            RecordOutcomes outcomes,
            WorkerMetrics metrics) {
        this.context = context;
        this.publisher = publisher;
        this.budgets = budgets;
        this.gate = gate;
        this.outcomes = outcomes;
        this.metrics = metrics;
    }

    /** The job's chain ended: succeeded (error null) and published, or failed somewhere. */
    void ended(JobRun j, Throwable error) {
        if (error == null) {
            finished(j, "SUCCEEDED", "none");
            return;
        }
        JobFailure f = JobFailure.of(error);
        if (f.code() == ErrorCode.INTERNAL && !f.retriable()) {
            LOGGER.error("job {} at {} failed unexpectedly", j.jobId(), j.record, f.getCause());
        }
        fail(j, f);
    }

    /** A failure: published as FAILED + dead letter when permanent and still ours, else left for redelivery. */
    void fail(JobRun j, JobFailure f) {
        if (f.retriable() || !j.owned.getAsBoolean()) {
            leave(j, j.owned.getAsBoolean() ? f.getMessage() : "no longer this worker's (revoked or abandoned)");
            return;
        }
        publisher
                .failed(j.publication().withBudget(budgets.forFailure(j.owned)), f, j.budget.attempts())
                .whenComplete((v, e) -> context.execute(() -> {
                    if (e == null) {
                        finished(j, "FAILED", f.code().name());
                    } else {
                        JobFailure why = JobFailure.of(e);
                        if (!why.retriable()) {
                            LOGGER.error(
                                    "the failure of job at {} could not be published ({}); its offset stays"
                                            + " uncommitted until it is redelivered",
                                    j.record,
                                    why.getMessage());
                        }
                        leave(j, why.getMessage());
                    }
                }));
    }

    private void leave(JobRun j, String why) {
        LOGGER.info("job at {} left for redelivery: {}", j.record, why);
        outcomes.abandoned(j.record);
        gate.release();
    }

    private void finished(JobRun j, String status, String code) {
        boolean settled = "SUCCEEDED".equals(status) ? outcomes.succeeded(j.record) : outcomes.deadLettered(j.record);
        if (!settled) {
            LOGGER.info("job at {} finished after its partition was revoked; not committed here", j.record);
        }
        metrics.jobFinished(status, code);
        metrics.recordStages(j.timings.toEvent());
        gate.release();
    }
}
