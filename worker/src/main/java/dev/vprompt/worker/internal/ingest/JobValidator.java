package dev.vprompt.worker.internal.ingest;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Clock;

/**
 * Checks the rules a decoded job must satisfy before any I/O: example count, allowed buckets, known model, layout,
 * deadline. Every violation is a permanent failure with a stable code. Stateless and thread-safe.
 */
public final class JobValidator {

    private final S3Settings s3;
    private final int maxExamples;
    private final String modelId;
    private final Clock clock;

    public JobValidator(S3Settings s3, int maxExamples, String modelId, Clock clock) {
        this.s3 = s3;
        this.maxExamples = maxExamples;
        this.modelId = modelId;
        this.clock = clock;
    }

    /** @throws JobFailure (permanent) describing the first violated rule */
    public void validate(PromptJob job) {
        if (job.getJobId() == null || job.getJobId().isBlank()) {
            throw invalid(ErrorCode.INVALID_JOB, "jobId is empty");
        }
        int n = job.getExamples().size();
        if (n == 0) {
            throw invalid(ErrorCode.INVALID_JOB, "a job needs at least one example pair");
        }
        if (n > maxExamples) {
            throw invalid(ErrorCode.TOO_MANY_EXAMPLES, n + " example pairs; at most " + maxExamples + " are allowed");
        }
        if (job.getLayout() == PromptLayout.GRID_3X2 && n < 2) {
            throw invalid(ErrorCode.INVALID_JOB, "layout GRID_3X2 needs two example pairs");
        }
        if (job.getModel() != null && !job.getModel().equals(modelId)) {
            throw invalid(
                    ErrorCode.UNKNOWN_MODEL,
                    "model '" + job.getModel() + "' is not served here (serving " + modelId + ")");
        }
        for (ExamplePair p : job.getExamples()) {
            requireAllowed(p.getInput());
            requireAllowed(p.getOutput());
        }
        requireAllowed(job.getQuery());
        if (job.getGroundTruth() != null) {
            requireAllowed(job.getGroundTruth());
        }
        String outBucket = job.getOutput().getBucket();
        if (!s3.allows(outBucket)) {
            throw invalid(ErrorCode.FORBIDDEN_BUCKET, "output bucket '" + outBucket + "' is not allowed");
        }
        String prefix = job.getOutput().getPrefix();
        if (prefix.contains("..") || prefix.startsWith("/")) {
            throw invalid(ErrorCode.INVALID_JOB, "output prefix must be relative and must not contain '..'");
        }
        if (job.getJobId().contains("/") || job.getJobId().contains("..")) {
            throw invalid(ErrorCode.INVALID_JOB, "jobId must not contain '/' or '..' (it names result objects)");
        }
        if (job.getDeadline() != null && job.getDeadline().isBefore(clock.instant())) {
            throw invalid(ErrorCode.DEADLINE_EXCEEDED, "deadline " + job.getDeadline() + " already passed");
        }
    }

    private void requireAllowed(ObjectRef ref) {
        if (!s3.allows(ref.getBucket())) {
            throw invalid(ErrorCode.FORBIDDEN_BUCKET, "bucket '" + ref.getBucket() + "' is not allowed");
        }
    }

    private static JobFailure invalid(ErrorCode code, String message) {
        return JobFailure.permanent(code, message);
    }
}
