package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import io.minio.errors.ErrorResponseException;
import java.util.Set;

/** Maps S3 client errors to job failures: missing objects are permanent, everything that may pass is transient. */
final class S3Errors {

    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchVersion");

    private S3Errors() {}

    static JobFailure map(Throwable t, String what) {
        Throwable c = JobFailure.unwrap(t);
        if (c instanceof JobFailure f) {
            return f;
        }
        if (c instanceof ErrorResponseException e) {
            String code = e.errorResponse() == null ? "" : e.errorResponse().code();
            if (NOT_FOUND.contains(code)) {
                return JobFailure.permanent(ErrorCode.OBJECT_NOT_FOUND, what + ": " + code);
            }
            return JobFailure.transientFailure(what + ": S3 answered " + code, e);
        }
        if (c instanceof IllegalArgumentException e) {
            return JobFailure.permanent(ErrorCode.INVALID_JOB, what + ": " + e.getMessage());
        }
        return JobFailure.transientFailure(what + ": " + c, c);
    }
}
