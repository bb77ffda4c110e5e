package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.job.JobTimings;
import dev.vprompt.worker.internal.retry.RetryBudget;
import java.util.function.BooleanSupplier;

/**
 * What the publisher needs to know of one job: its record, the decoded job (null when the record could not be
 * decoded), its timings, the retry budget its writes spend, and whether it is still this worker's to publish.
 *
 * @param owned false once the job's partition was revoked: nothing more may be published for it
 */
public record Publication(
        JobRecord record, PromptJob job, JobTimings timings, RetryBudget budget, BooleanSupplier owned) {

    /** The same job, its writes spending {@code other} instead (e.g. a fresh budget to publish its failure). */
    public Publication withBudget(RetryBudget other) {
        return new Publication(record, job, timings, other, owned);
    }
}
