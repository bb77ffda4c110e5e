package dev.vprompt.worker.internal.ingest;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.ResultKeys;
import dev.vprompt.worker.internal.job.SafeText;
import java.time.Clock;
import java.util.List;

/**
 * Checks the rules a decoded job must satisfy before any I/O: a well-formed job id, example count, known model,
 * layout, names that fit S3 and logs ({@link KeyRules}), object storage permissions, deadline. Every violation is a
 * permanent failure with a stable code.
 *
 * <p>Permissions (least privilege, from {@link S3Settings}): every object the job reads (each example, the query, the
 * ground truth) must be covered by a read grant, and its results {@code <prefix>/<jobId>/...} by a write grant, in a
 * bucket that is not immutable. A bucket no grant names fails with FORBIDDEN_BUCKET, a key outside the granted
 * prefixes of a granted bucket with FORBIDDEN_KEY. Stateless and thread-safe.
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
        KeyRules.checkJobId(job.getJobId());
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
                    "model '" + SafeText.forLog(job.getModel()) + "' is not served here (serving " + modelId + ")");
        }
        List<ExamplePair> examples = job.getExamples();
        for (int i = 0; i < n; i++) {
            requireReadable(examples.get(i).getInput(), "example " + i + " input");
            requireReadable(examples.get(i).getOutput(), "example " + i + " output");
        }
        requireReadable(job.getQuery(), "query");
        if (job.getGroundTruth() != null) {
            requireReadable(job.getGroundTruth(), "ground truth");
        }
        requireWritable(job);
        if (job.getDeadline() != null && job.getDeadline().isBefore(clock.instant())) {
            throw invalid(ErrorCode.DEADLINE_EXCEEDED, "deadline " + job.getDeadline() + " already passed");
        }
    }

    private void requireReadable(ObjectRef ref, String what) {
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

    private static JobFailure invalid(ErrorCode code, String message) {
        return JobFailure.permanent(code, message);
    }
}
