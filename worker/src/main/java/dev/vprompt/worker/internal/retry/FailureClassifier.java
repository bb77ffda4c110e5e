package dev.vprompt.worker.internal.retry;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownServerException;

/**
 * The one place that decides what an S3 or Kafka error means for a job: {@linkplain JobFailure#permanent permanent}
 * (the job fails with a typed code and is dead-lettered: a retry cannot change the answer) or
 * {@linkplain JobFailure#transientFailure transient} (retried; tagged with the {@link Dependency} it waited on, so a
 * dependency that is down does not spend the job's retry budget).
 *
 * <p>S3 errors are judged by the S3 error code first, then by the HTTP status class (5xx, 408 and 429 transient,
 * other 4xx permanent); errors without an answer (connection refused or reset, timeouts, unparseable answers) are
 * transient. Credentials the store refuses (InvalidAccessKeyId, SignatureDoesNotMatch, expired tokens, clock skew)
 * are the store refusing the worker, not the job: transient. Kafka send errors: record too large, invalid topic,
 * authorization and serialization are permanent; {@link RetriableException}s (timeouts, no leader, network) and
 * authentication failures are transient; anything else from Kafka is permanent.
 *
 * <p>Stateless and thread-safe.
 */
public final class FailureClassifier {

    private static final Set<String> NOT_FOUND =
            Set.of("NoSuchKey", "NoSuchBucket", "NoSuchVersion", "ResourceNotFound");
    private static final Map<String, ErrorCode> PERMANENT_S3 = Map.ofEntries(
            Map.entry("AccessDenied", ErrorCode.ACCESS_DENIED),
            Map.entry("AllAccessDisabled", ErrorCode.ACCESS_DENIED),
            Map.entry("InvalidObjectState", ErrorCode.OBJECT_UNAVAILABLE),
            Map.entry("MethodNotAllowed", ErrorCode.OBJECT_UNAVAILABLE),
            Map.entry("InvalidArgument", ErrorCode.INVALID_JOB),
            Map.entry("KeyTooLongError", ErrorCode.INVALID_JOB),
            Map.entry("InvalidBucketName", ErrorCode.INVALID_JOB),
            Map.entry("XMinioInvalidObjectName", ErrorCode.INVALID_JOB),
            Map.entry("EntityTooLarge", ErrorCode.RESULT_TOO_LARGE),
            Map.entry("MaxMessageLengthExceeded", ErrorCode.RESULT_TOO_LARGE));
    /** Codes of a store that is overloaded, failing or briefly inconsistent. */
    private static final Set<String> TRANSIENT_S3 = Set.of(
            "SlowDown",
            "ServiceUnavailable",
            "InternalError",
            "RequestTimeout",
            "OperationAborted",
            "Throttling",
            "ThrottlingException",
            "RequestLimitExceeded",
            "TooManyRequests",
            "XMinioServerNotInitialized",
            "XMinioBackendDown");
    /** Codes of a store that refuses the worker itself: every job would get them. */
    private static final Set<String> REFUSED_CREDENTIALS = Set.of(
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "ExpiredToken",
            "InvalidToken",
            "TokenRefreshRequired",
            "RequestTimeTooSkewed",
            "AuthorizationHeaderMalformed",
            "AccountProblem");

    private FailureClassifier() {}

    /**
     * Classifies an error of an S3 request.
     *
     * @param what the object or bucket concerned ({@code s3://bucket/key}), for the message
     */
    public static JobFailure s3(Throwable error, String what) {
        Throwable c = JobFailure.unwrap(error);
        if (c instanceof JobFailure f) {
            return f;
        }
        if (c instanceof ErrorResponseException e) {
            String code = e.errorResponse() == null
                    ? ""
                    : String.valueOf(e.errorResponse().code());
            int status = e.response() == null ? 0 : e.response().code();
            return s3Answer(code, status, what, e);
        }
        if (c instanceof ServerException e) {
            return s3Answer("", e.statusCode(), what, e);
        }
        if (c instanceof InvalidResponseException
                || c instanceof XmlParserException
                || c instanceof InsufficientDataException
                || c instanceof IOException
                || c instanceof TimeoutException) {
            return JobFailure.transientFailure(Dependency.STORE, what + ": " + c, c);
        }
        if (c instanceof RejectedExecutionException) {
            return JobFailure.transientFailure(what + ": worker stopping: " + c, c);
        }
        if (c instanceof IllegalArgumentException) {
            return JobFailure.permanent(ErrorCode.INVALID_JOB, what + ": " + c.getMessage(), c);
        }
        return JobFailure.permanent(ErrorCode.INTERNAL, what + ": " + c, c);
    }

    /** An S3 answer: its error code ("" when it had none) and HTTP status (0 when unknown). */
    public static JobFailure s3Answer(String code, int status, String what, Throwable cause) {
        String detail = what + ": S3 answered " + (code.isEmpty() ? "HTTP " + status : code);
        if (NOT_FOUND.contains(code)) {
            return JobFailure.permanent(ErrorCode.OBJECT_NOT_FOUND, detail);
        }
        ErrorCode permanent = PERMANENT_S3.get(code);
        if (permanent != null) {
            return JobFailure.permanent(permanent, detail);
        }
        if (TRANSIENT_S3.contains(code) || REFUSED_CREDENTIALS.contains(code) || transientStatus(status)) {
            return JobFailure.transientFailure(Dependency.STORE, detail, cause);
        }
        if (status == 0 && !code.isEmpty()) {
            // an unknown code and no status: the store answered, so it is up; do not loop on it
            return JobFailure.permanent(ErrorCode.STORE_REJECTED, detail);
        }
        return status >= 400 && status < 500
                ? JobFailure.permanent(ErrorCode.STORE_REJECTED, detail)
                : JobFailure.transientFailure(Dependency.STORE, detail, cause);
    }

    private static boolean transientStatus(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /**
     * Classifies an error of a Kafka send.
     *
     * @param topic where the record was going, for the message
     */
    public static JobFailure kafkaSend(Throwable error, String topic) {
        Throwable c = JobFailure.unwrap(error);
        if (c instanceof JobFailure f) {
            return f;
        }
        String detail = "send to " + topic + " failed: " + c;
        if (c instanceof RecordTooLargeException || c instanceof RecordBatchTooLargeException) {
            return JobFailure.permanent(ErrorCode.RESULT_TOO_LARGE, detail, c);
        }
        if (c instanceof InvalidTopicException || c instanceof AuthorizationException) {
            return JobFailure.permanent(ErrorCode.BROKER_REJECTED, detail, c);
        }
        if (c instanceof SerializationException) {
            return JobFailure.permanent(ErrorCode.INTERNAL, detail, c);
        }
        if (c instanceof RetriableException
                || c instanceof TimeoutException // the worker's own bound on an unanswered send
                || c instanceof AuthenticationException
                || c instanceof UnknownServerException
                // the idempotent producer recovers from these by bumping its epoch: sending again helps
                || c instanceof OutOfOrderSequenceException
                || c instanceof UnknownProducerIdException
                || c instanceof InvalidProducerEpochException
                // a closed producer: the worker's liveness reports it; the job is not to blame
                || c instanceof IllegalStateException) {
            return JobFailure.transientFailure(Dependency.BROKER, detail, c);
        }
        if (c instanceof InterruptException || c instanceof RejectedExecutionException) {
            return JobFailure.transientFailure(detail, c);
        }
        if (c instanceof org.apache.kafka.common.KafkaException) {
            return JobFailure.permanent(ErrorCode.BROKER_REJECTED, detail, c);
        }
        return JobFailure.permanent(ErrorCode.INTERNAL, detail, c);
    }
}
