package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.FailureClassifier;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** What every {@link ObjectStore} refuses or answers alike, whatever its client. Stateless. */
final class StoreRules {

    /** S3's limit on a key: longer keys are refused (KeyTooLongError) by S3 and MinIO, so they are refused here too. */
    static final int MAX_KEY_BYTES = 1024;

    /** The key the store probe reads; it need not exist (NoSuchKey is an answer). */
    static final String PROBE_KEY = ".vprompt-probe";

    private StoreRules() {}

    static String describe(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    static boolean tooLong(String key) {
        return key.length() > MAX_KEY_BYTES / 3 && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES;
    }

    /** What S3 would answer (KeyTooLongError), whatever the server: some S3-compatible servers accept longer keys. */
    static JobFailure keyTooLong(String what) {
        return FailureClassifier.s3Answer(
                "KeyTooLongError", 400, what + " (a key longer than " + MAX_KEY_BYTES + " bytes)", null);
    }

    /**
     * The probe's verdict on a failed probe request: down when the failure is transient, up otherwise, since a
     * permanent answer (NoSuchKey, AccessDenied, ...) is still the store answering.
     */
    static CompletableFuture<Void> upUnlessTransient(JobFailure f) {
        return f.kind() == JobFailure.Kind.TRANSIENT
                ? CompletableFuture.failedFuture(f)
                : CompletableFuture.completedFuture(null);
    }

    static JobFailure tooLarge(String what, long size, long max) {
        return JobFailure.permanent(
                ErrorCode.IMAGE_TOO_LARGE, what + " has " + size + "+ bytes; the limit is " + max + " bytes");
    }
}
