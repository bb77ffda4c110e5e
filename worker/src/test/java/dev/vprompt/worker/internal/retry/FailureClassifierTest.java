package dev.vprompt.worker.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every S3 and Kafka error the worker can meet ends as a permanent failure with a code, or a transient one. */
class FailureClassifierTest {

    private static final String WHAT = "s3://images/q.png";

    /** An S3 error answer as the MinIO client reports it. */
    private static ErrorResponseException s3Error(String code, int status) {
        Response response = new Response.Builder()
                .request(new Request.Builder()
                        .url("http://127.0.0.1:9000/images/q.png")
                        .build())
                .protocol(Protocol.HTTP_1_1)
                .code(status)
                .message("status " + status)
                .build();
        return new ErrorResponseException(
                new ErrorResponse(code, "the store says " + code, "images", "q.png", "/images/q.png", "r1", "h1"),
                response,
                "trace");
    }

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource({
        "NoSuchKey, 404, OBJECT_NOT_FOUND",
        "NoSuchBucket, 404, OBJECT_NOT_FOUND",
        "NoSuchVersion, 404, OBJECT_NOT_FOUND",
        "AccessDenied, 403, ACCESS_DENIED",
        "AllAccessDisabled, 403, ACCESS_DENIED",
        "InvalidObjectState, 403, OBJECT_UNAVAILABLE",
        "MethodNotAllowed, 405, OBJECT_UNAVAILABLE",
        "InvalidArgument, 400, INVALID_JOB",
        "KeyTooLongError, 400, INVALID_JOB",
        "InvalidBucketName, 400, INVALID_JOB",
        "EntityTooLarge, 400, RESULT_TOO_LARGE",
        "PreconditionFailed, 412, STORE_REJECTED",
        "SomethingNew, 409, STORE_REJECTED"
    })
    void shouldFailTheJobWithItsCodeWhenS3RefusesItsRequestForGood(String code, int status, ErrorCode expected) {
        // When
        JobFailure f = FailureClassifier.s3(new CompletionException(s3Error(code, status)), WHAT);
        // Then
        assertThat(f.retriable()).isFalse();
        assertThat(f.code()).isEqualTo(expected);
        assertThat(f.getMessage()).contains(WHAT).contains(code);
    }

    @ParameterizedTest(name = "{0} ({1}) -> transient")
    @CsvSource({
        "SlowDown, 503",
        "ServiceUnavailable, 503",
        "InternalError, 500",
        "RequestTimeout, 400",
        "OperationAborted, 409",
        "InvalidAccessKeyId, 403",
        "SignatureDoesNotMatch, 403",
        "ExpiredToken, 400",
        "RequestTimeTooSkewed, 403",
        "SomethingNew, 502",
        "SomethingNew, 429"
    })
    void shouldRetryOnTheStoreWhenS3IsDownThrottlingOrRefusesTheWorker(String code, int status) {
        // When
        JobFailure f = FailureClassifier.s3(s3Error(code, status), WHAT);
        // Then
        assertThat(f.retriable()).isTrue();
        assertThat(f.dependency()).isEqualTo(Dependency.STORE);
    }

    @Test
    void shouldRetryOnTheStoreWhenS3CannotBeReachedOrAnswersWithoutAnErrorCode() {
        // When / Then
        assertThat(FailureClassifier.s3(new CompletionException(new ConnectException("refused")), WHAT))
                .satisfies(f -> assertThat(f.retriable()).isTrue())
                .satisfies(f -> assertThat(f.dependency()).isEqualTo(Dependency.STORE));
        assertThat(FailureClassifier.s3(new SocketTimeoutException("read timed out"), WHAT)
                        .dependency())
                .isEqualTo(Dependency.STORE);
        assertThat(FailureClassifier.s3(new ServerException("bad gateway", 502, "trace"), WHAT)
                        .retriable())
                .isTrue();
    }

    @Test
    void shouldKeepAFailureThatIsAlreadyClassifiedWhenItPassesThroughAgain() {
        // Given
        JobFailure tooLarge = JobFailure.permanent(ErrorCode.IMAGE_TOO_LARGE, "too large");
        // When / Then
        assertThat(FailureClassifier.s3(new CompletionException(tooLarge), WHAT))
                .isSameAs(tooLarge);
        assertThat(FailureClassifier.kafkaSend(tooLarge, "t")).isSameAs(tooLarge);
    }

    @Test
    void shouldFailTheJobWhenKafkaRefusesItsRecordForGood() {
        // When / Then
        assertThat(FailureClassifier.kafkaSend(new RecordTooLargeException("1048700 bytes"), "dlq")
                        .code())
                .isEqualTo(ErrorCode.RESULT_TOO_LARGE);
        assertThat(FailureClassifier.kafkaSend(new InvalidTopicException("bad name"), "t!")
                        .code())
                .isEqualTo(ErrorCode.BROKER_REJECTED);
        assertThat(FailureClassifier.kafkaSend(new TopicAuthorizationException("denied"), "t")
                        .code())
                .isEqualTo(ErrorCode.BROKER_REJECTED);
        assertThat(FailureClassifier.kafkaSend(new UnsupportedVersionException("old broker"), "t")
                        .code())
                .isEqualTo(ErrorCode.BROKER_REJECTED);
        assertThat(FailureClassifier.kafkaSend(new SerializationException("cannot"), "t")
                        .retriable())
                .isFalse();
    }

    @Test
    void shouldRetryOnTheBrokerWhenKafkaIsUnavailableOrRefusesTheWorker() {
        // When / Then
        for (Throwable e : new Throwable[] {
            new TimeoutException("expired"),
            new NotLeaderOrFollowerException("moving"),
            new SaslAuthenticationException("bad password"),
            new java.util.concurrent.TimeoutException("no answer"),
            new IllegalStateException("Cannot perform operation after producer has been closed")
        }) {
            JobFailure f = FailureClassifier.kafkaSend(new CompletionException(e), "completions");
            assertThat(f.retriable()).as(e.toString()).isTrue();
            assertThat(f.dependency()).as(e.toString()).isEqualTo(Dependency.BROKER);
        }
    }
}
