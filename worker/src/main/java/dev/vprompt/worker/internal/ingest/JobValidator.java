package dev.vprompt.worker.internal.ingest;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.ResultKeys;
import dev.vprompt.worker.internal.job.SafeText;
import dev.vprompt.worker.internal.prompt.PromptPlan;
import java.time.Clock;
import java.util.List;

/**
 * Checks the rules a decoded job must satisfy before any I/O: a well-formed job id, examples (1 to maxExamples, or an
 * example pool and k), its canvases ({@link PromptPlan}: the layout holds the pairs, and they fit in one model call),
 * known model, names that fit S3 and logs ({@link KeyRules}), object storage permissions, deadline. Every violation
 * is a permanent failure with a stable code.
 *
 * <p>Permissions (least privilege, from {@link S3Settings}): every object the job reads (each example, the query, the
 * example pool, the ground truth) must be covered by a read grant, and its results {@code <prefix>/<jobId>/...} by a
 * write grant, in a bucket that is not immutable. A bucket no grant names fails with FORBIDDEN_BUCKET, a key outside
 * the granted prefixes of a granted bucket with FORBIDDEN_KEY. Stateless and thread-safe.
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
        KeyRules.checkJobId(job.getJobId());
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
                    "model '" + SafeText.forLog(job.getModel()) + "' is not served here (serving " + modelId + ")");
        }
        List<ExamplePair> examples = job.getExamples();
        for (int i = 0; i < examples.size(); i++) {
            requireReadable(examples.get(i).getInput(), "example " + i + " input");
            requireReadable(examples.get(i).getOutput(), "example " + i + " output");
        }
        requireReadable(job.getQuery(), "query");
        if (job.getExamplePool() != null) {
            requireReadable(job.getExamplePool(), "example pool");
        }
        if (job.getGroundTruth() != null) {
            requireReadable(job.getGroundTruth(), "ground truth");
        }
        requireWritable(job);
        if (job.getDeadline() != null && job.getDeadline().isBefore(clock.instant())) {
            throw invalid(ErrorCode.DEADLINE_EXCEEDED, "deadline " + job.getDeadline() + " already passed");
        }
    }

    /**
     * Refuses a ref the read grants do not cover (FORBIDDEN_BUCKET, FORBIDDEN_KEY) or whose key breaks the key rules;
     * also used for the examples a job's pool supplies.
     */
    public void requireReadable(ObjectRef ref, String what) {
        KeyRules.checkReadRef(ref, what);
        String bucket = ref.getBucket();
        if (!s3.mayReadBucket(bucket)) {
            throw invalid(
                    ErrorCode.FORBIDDEN_BUCKET,
                    what + ": bucket '" + SafeText.forLog(bucket) + "' is not granted for reading (s3.read)");
        }
        if (!s3.mayRead(bucket, ref.getKey())) {
            throw invalid(
                    ErrorCode.FORBIDDEN_KEY,
                    what + ": key '" + SafeText.forLog(ref.getKey()) + "' of bucket '" + bucket
                            + "' is outside the prefixes granted for reading (s3.read)");
        }
    }

    private void requireWritable(PromptJob job) {
        KeyRules.checkPrefix(job.getOutput().getPrefix());
        String bucket = job.getOutput().getBucket();
        if (s3.isImmutable(bucket)) {
            throw invalid(
                    ErrorCode.FORBIDDEN_BUCKET,
                    "output bucket '" + bucket + "' is write-once (s3.immutableBuckets): results never go there");
        }
        if (!s3.mayWriteBucket(bucket)) {
            throw invalid(
                    ErrorCode.FORBIDDEN_BUCKET,
                    "output bucket '" + SafeText.forLog(bucket) + "' is not granted for writing (s3.write)");
        }
        String base = ResultKeys.base(job);
        if (!s3.mayWrite(bucket, base)) {
            throw invalid(
                    ErrorCode.FORBIDDEN_KEY,
                    "results '" + SafeText.forLog(base) + "' of bucket '" + bucket
                            + "' are outside the prefixes granted for writing (s3.write)");
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

    private static JobFailure invalid(ErrorCode code, String message) {
        return JobFailure.permanent(code, message);
    }
}
