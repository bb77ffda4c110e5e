package dev.vprompt.worker.internal.ingest;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.prompt.PromptPlan;
import java.time.Clock;

/**
 * Checks the rules a decoded job must satisfy before any I/O: examples (1 to maxExamples, or an example pool and k),
 * its canvases ({@link PromptPlan}: the layout holds the pairs, and they fit in one model call), allowed buckets, known
 * model, deadline. Every violation is a permanent failure with a stable code. Stateless and thread-safe.
 */
public final class JobValidator {

    private final S3Settings s3;
    private final int maxExamples;
    private final int maxBatchSize;
    private final String modelId;
    private final Clock clock;

    /**
     * @param maxExamples most example pairs a job may carry or ask its pool for
     * @param maxBatchSize most canvases one model call may hold: a job whose canvases (an ensemble, an example
     *     fusion) cannot run in one call is refused
     */
    public JobValidator(S3Settings s3, int maxExamples, int maxBatchSize, String modelId, Clock clock) {
        this.s3 = s3;
        this.maxExamples = maxExamples;
        this.maxBatchSize = maxBatchSize;
        this.modelId = modelId;
        this.clock = clock;
    }

    /** @throws JobFailure (permanent) describing the first violated rule */
    public void validate(PromptJob job) {
        if (job.getJobId() == null || job.getJobId().isBlank()) {
            throw invalid(ErrorCode.INVALID_JOB, "jobId is empty");
        }
        requireExampleCount(job);
        PromptPlan plan = PromptPlan.of(job);
        if (plan.canvasCount() > maxBatchSize) {
            throw invalid(
                    ErrorCode.INVALID_JOB,
                    "the job runs " + plan.canvasCount() + " canvases in one model call (" + plan.pairs()
                            + " example pairs x " + plan.arrangements().size()
                            + " arrangements); this worker's batch.maxBatchSize is " + maxBatchSize);
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
        if (job.getExamplePool() != null) {
            requireAllowed(job.getExamplePool());
        }
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

    /** Examples or a pool, never both; 1 to maxExamples pairs either way. */
    private void requireExampleCount(PromptJob job) {
        int n = job.getExamples().size();
        if (job.getExamplePool() != null) {
            if (n > 0) {
                throw invalid(ErrorCode.INVALID_JOB, "a job names examples or an examplePool, not both");
            }
            n = job.getK();
            if (n < 1) {
                throw invalid(ErrorCode.INVALID_JOB, "k must be at least 1, was " + n);
            }
        } else if (job.getK() != 1) {
            throw invalid(ErrorCode.INVALID_JOB, "k applies to examplePool; a job with its own examples leaves it 1");
        }
        if (n == 0) {
            throw invalid(ErrorCode.INVALID_JOB, "a job needs at least one example pair (or an examplePool)");
        }
        if (n > maxExamples) {
            throw invalid(ErrorCode.TOO_MANY_EXAMPLES, n + " example pairs; at most " + maxExamples + " are allowed");
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
