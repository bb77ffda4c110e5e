package dev.vprompt.worker.internal.ingest;

import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.ResultKeys;
import dev.vprompt.worker.internal.job.SafeText;
import java.nio.charset.StandardCharsets;

/**
 * The shape a job's names must have before they may reach S3 or a log line: its id (it names result objects), its
 * output prefix and the keys it reads. A name is refused when it is too long for an S3 key, holds a character that
 * could forge a log line ({@link SafeText}), or has a {@code .} or {@code ..} path segment (some stores map keys onto
 * files, where such a key would leave its prefix). Messages quote names through {@link SafeText#forLog}. Stateless.
 */
final class KeyRules {

    private KeyRules() {}

    /** @throws JobFailure INVALID_JOB_ID */
    static void checkJobId(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw invalidId("jobId is empty");
        }
        if (bytes(jobId) > ResultKeys.MAX_JOB_ID_BYTES) {
            throw invalidId("jobId has " + bytes(jobId) + " bytes; at most " + ResultKeys.MAX_JOB_ID_BYTES
                    + " are allowed (it names result objects)");
        }
        if (SafeText.hasUnsafeCharacters(jobId)) {
            throw invalidId("jobId '" + SafeText.forLog(jobId) + "' holds control or format characters");
        }
        if (jobId.contains("/") || jobId.contains("..")) {
            throw invalidId("jobId must not contain '/' or '..' (it names result objects)");
        }
    }

    /** @throws JobFailure INVALID_JOB */
    static void checkPrefix(String prefix) {
        if (bytes(prefix) > ResultKeys.MAX_PREFIX_BYTES) {
            throw invalid("output prefix has " + bytes(prefix) + " bytes; at most " + ResultKeys.MAX_PREFIX_BYTES
                    + " are allowed");
        }
        if (SafeText.hasUnsafeCharacters(prefix)) {
            throw invalid("output prefix '" + SafeText.forLog(prefix) + "' holds control or format characters");
        }
        if (prefix.startsWith("/") || prefix.contains("..") || hasDotSegment(prefix)) {
            throw invalid("output prefix must be relative and must not contain '..'");
        }
    }

    /** @throws JobFailure INVALID_JOB */
    static void checkReadRef(ObjectRef ref, String what) {
        String key = ref.getKey();
        if (ref.getBucket().isBlank() || key.isEmpty()) {
            throw invalid(what + " names no bucket or no key");
        }
        if (SafeText.hasUnsafeCharacters(ref.getBucket()) || SafeText.hasUnsafeCharacters(key)) {
            throw invalid(what + " 's3://" + SafeText.forLog(ref.getBucket()) + "/" + SafeText.forLog(key)
                    + "' holds control or format characters");
        }
        if (bytes(key) > ResultKeys.S3_MAX_KEY_BYTES) {
            throw invalid(
                    what + " key has " + bytes(key) + " bytes; S3 keys have at most " + ResultKeys.S3_MAX_KEY_BYTES);
        }
        if (hasDotSegment(key)) {
            throw invalid(what + " key '" + SafeText.forLog(key) + "' has a '.' or '..' segment");
        }
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static JobFailure invalidId(String message) {
        return JobFailure.permanent(ErrorCode.INVALID_JOB_ID, message);
    }

    private static JobFailure invalid(String message) {
        return JobFailure.permanent(ErrorCode.INVALID_JOB, message);
    }
}
