package dev.vprompt.worker.internal.flow;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.RecordOutcomes;
import dev.vprompt.worker.internal.job.JobTimings;
import dev.vprompt.worker.internal.publish.Publication;
import dev.vprompt.worker.internal.retry.JobRetryBudget;
import dev.vprompt.worker.internal.retry.RetryBudgets;
import java.util.function.BooleanSupplier;

/**
 * One job on its way through the flow: its record, the decoded job (null when it could not be decoded), its timings,
 * its retry budget (shared by all its operations), and whether it is still this worker's to publish: its partition
 * not revoked since it was polled, and the worker not past its drain timeout.
 *
 * <p>Threading: created on the flow's context; the budget is used on the retry policy's context (the same one); the
 * ownership check reads the thread-safe {@link RecordOutcomes}.
 */
final class JobRun {

    final JobRecord record;
    final PromptJob job;
    final JobTimings timings;
    final JobRetryBudget budget;
    final BooleanSupplier owned;

    /** @param abandoned whether the worker has given up every job (past its drain timeout) */
    JobRun(
            JobRecord record,
            PromptJob job,
            JobTimings timings,
            RetryBudgets budgets,
            RecordOutcomes outcomes,
            BooleanSupplier abandoned) {
        this.record = record;
        this.job = job;
        this.timings = timings;
        this.owned = () -> !abandoned.getAsBoolean() && outcomes.mayPublish(record);
        this.budget = budgets.forJob(deadlineMillis(job), owned);
    }

    /** The job's deadline in epoch millis, {@code Long.MAX_VALUE} for none. */
    static long deadlineMillis(PromptJob job) {
        return job == null || job.getDeadline() == null
                ? Long.MAX_VALUE
                : job.getDeadline().toEpochMilli();
    }

    String jobId() {
        return job != null ? job.getJobId() : record.jobIdFromKey();
    }

    Publication publication() {
        return publication(job);
    }

    /** The publication of {@code as}: the job as it ran (its examples resolved from a pool, say). */
    Publication publication(PromptJob as) {
        return new Publication(record, as, timings, budget, owned);
    }
}
