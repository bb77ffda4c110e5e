package dev.vprompt.worker.internal.ingest;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.internal.job.JobFailure;

/**
 * What {@link JobDecoder} made of a record: a job to run, or why it cannot run.
 *
 * @param job the decoded job, or null when the record is not a decodable {@code PromptJob}
 * @param failure why the job cannot run (permanent), or null when it may
 */
public record DecodedJob(JobRecord record, PromptJob job, JobFailure failure) {

    static DecodedJob failed(JobRecord record, PromptJob job, JobFailure failure) {
        return new DecodedJob(record, job, failure);
    }

    /** Whether the job may run. */
    public boolean runnable() {
        return failure == null;
    }
}
