package dev.vprompt.worker.internal.ingest;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.schemas.codec.EventDecodeException;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;

/**
 * Turns a polled record into a job the pipeline may run: decodes the {@code PromptJob} event (single-object encoding,
 * schema fingerprint checked), then applies the {@link JobValidator}'s rules. Nothing here does I/O.
 *
 * <p>Stateless and thread-safe; the flow calls it on its event loop.
 */
public final class JobDecoder {

    private final EventCodec<PromptJob> codec;
    private final JobValidator validator;

    public JobDecoder(EventCodec<PromptJob> codec, JobValidator validator) {
        this.codec = codec;
        this.validator = validator;
    }

    /** Decodes and validates; never throws for bad input, which comes back as a permanent failure instead. */
    public DecodedJob decode(JobRecord record) {
        PromptJob job;
        try {
            job = codec.decode(record.value());
        } catch (EventDecodeException e) {
            ErrorCode code = e.reason() == EventDecodeException.Reason.UNKNOWN_SCHEMA
                    ? ErrorCode.UNKNOWN_SCHEMA
                    : ErrorCode.MALFORMED_EVENT;
            return DecodedJob.failed(record, null, JobFailure.permanent(code, e.getMessage()));
        } catch (RuntimeException e) {
            return DecodedJob.failed(record, null, JobFailure.permanent(ErrorCode.MALFORMED_EVENT, String.valueOf(e)));
        }
        try {
            validator.validate(job);
        } catch (JobFailure f) {
            return DecodedJob.failed(record, job, f);
        }
        return new DecodedJob(record, job, null);
    }
}
