package dev.vprompt.worker.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.StackSetup;
import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} must do against the real S3 server: what it reads and writes, what its probe calls up
 * or down, and the errors it must classify. One subclass per client.
 */
@WithStack
abstract class ObjectStoreContract {

    private final String bucket = "probe-" + UUID.randomUUID().toString().substring(0, 8);

    /** The store under test, for {@code endpoint} with the stack's access key and {@code secretKey}. */
    abstract ObjectStore store(StackEndpoints stack, String endpoint, String secretKey);

    static S3Settings settings(StackEndpoints stack, String endpoint, String secretKey) {
        return S3Settings.builder()
                .endpoint(endpoint)
                .credentials(stack.s3AccessKey(), secretKey)
                .region(stack.s3Region())
                .allowedBuckets(Set.of("*"))
                .requestTimeout(Duration.ofSeconds(2))
                .maxConcurrentRequests(8)
                .build();
    }

    private ObjectStore store(StackEndpoints stack) {
        return store(stack, stack.s3Endpoint().toString(), stack.s3SecretKey());
    }

    private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        return f.handle((v, e) -> e).get(30, TimeUnit.SECONDS);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void shouldReadBackTheBytesItWroteWhenObjectsAreSmallOrLarge(StackEndpoints stack) throws Exception {
        // Given
        StackSetup.createBuckets(stack, bucket);
        byte[] small = randomBytes(500);
        byte[] large = randomBytes(300_000);
        try (ObjectStore store = store(stack)) {
            // When
            store.put(bucket, "r/small.png", small, "image/png").get(30, TimeUnit.SECONDS);
            store.put(bucket, "r/large.png", large, "image/png").get(30, TimeUnit.SECONDS);
            store.put(bucket, "r/empty.png", new byte[0], "image/png").get(30, TimeUnit.SECONDS);
            // Then
            assertThat(store.get(bucket, "r/small.png", null, 1024).get(30, TimeUnit.SECONDS))
                    .isEqualTo(small);
            assertThat(store.get(bucket, "r/large.png", null, 300_000).get(30, TimeUnit.SECONDS))
                    .isEqualTo(large);
            assertThat(store.get(bucket, "r/empty.png", null, 1024).get(30, TimeUnit.SECONDS))
                    .isEmpty();
        }
    }

    @Test
    void shouldReadBackAnObjectWhenItsKeyHoldsCharactersThatMustBeEncoded(StackEndpoints stack) throws Exception {
        // Given: spaces, reserved characters and non-ASCII letters in the key
        StackSetup.createBuckets(stack, bucket);
        String key = "jobs/a b+c=d&e;f,g@h$i!(1)~'x'/caf\u00e9 \u6f22\u5b57%20.png";
        byte[] bytes = randomBytes(1234);
        try (ObjectStore store = store(stack)) {
            // When
            store.put(bucket, key, bytes, "image/png").get(30, TimeUnit.SECONDS);
            // Then: the same key reads back the same bytes, and no other spelling of it exists
            assertThat(store.get(bucket, key, null, 4096).get(30, TimeUnit.SECONDS))
                    .isEqualTo(bytes);
            assertThat(JobFailure.of(failureOf(
                                    store.get(bucket, "jobs/a b+c=d&e;f,g@h$i!(1)~'x'/cafe .png", null, 4096)))
                            .code())
                    .isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
        }
    }

    @Test
    void shouldCompleteOnItsOwnThreadWhenTheCallerWaits(StackEndpoints stack) throws Exception {
        // Given
        StackSetup.createBuckets(stack, bucket);
        try (ObjectStore store = store(stack)) {
            store.put(bucket, "t.png", randomBytes(10), "image/png").get(30, TimeUnit.SECONDS);
            // When
            Thread caller = Thread.currentThread();
            String completedOn = store.get(bucket, "t.png", null, 100)
                    .thenApply(b -> Thread.currentThread().getName())
                    .get(30, TimeUnit.SECONDS);
            // Then: never the caller's thread (callers continue with their own executors)
            assertThat(completedOn).isNotEqualTo(caller.getName());
        }
    }

    @Test
    void shouldFailAReadPermanentlyAsTooLargeWhenTheObjectExceedsTheLimit(StackEndpoints stack) throws Exception {
        // Given: an object one byte over the limit
        StackSetup.createBuckets(stack, bucket);
        try (ObjectStore store = store(stack)) {
            store.put(bucket, "big.png", randomBytes(200_001), "image/png").get(30, TimeUnit.SECONDS);
            // When
            JobFailure tooLarge = JobFailure.of(failureOf(store.get(bucket, "big.png", null, 200_000)));
            // Then: permanent, and the store still serves the next request
            assertThat(tooLarge.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
            assertThat(tooLarge.retriable()).isFalse();
            assertThat(store.get(bucket, "big.png", null, 200_001).get(30, TimeUnit.SECONDS))
                    .hasSize(200_001);
        }
    }

    @Test
    void shouldCallTheStoreUpWhenItAnswersEvenThatTheProbedObjectOrBucketDoesNotExist(StackEndpoints stack)
            throws Exception {
        // Given
        StackSetup.createBuckets(stack, bucket);
        try (ObjectStore store = store(stack)) {
            // When / Then: NoSuchKey, NoSuchBucket and a bucket listing are all answers of a working store
            assertThat(failureOf(store.probe(bucket))).isNull();
            assertThat(failureOf(store.probe("no-such-bucket-" + bucket))).isNull();
            assertThat(failureOf(store.probe(null))).isNull();
        }
    }

    @Test
    void shouldCallTheStoreDownWhenItRefusesTheWorkersCredentials(StackEndpoints stack) throws Exception {
        // Given: a wrong secret key
        StackSetup.createBuckets(stack, bucket);
        try (ObjectStore store = store(stack, stack.s3Endpoint().toString(), "not-the-secret")) {
            // When
            Throwable probe = failureOf(store.probe(bucket));
            Throwable read = failureOf(store.get(bucket, "q.png", null, 1024));
            Throwable write = failureOf(store.put(bucket, "r.png", new byte[10], "image/png"));
            // Then: the store refuses the worker, not the job: transient, on the store
            assertThat(probe).isNotNull();
            assertThat(JobFailure.of(read).kind()).isEqualTo(JobFailure.Kind.TRANSIENT);
            assertThat(JobFailure.of(read).dependency()).isEqualTo(Dependency.STORE);
            assertThat(JobFailure.of(write).kind()).isEqualTo(JobFailure.Kind.TRANSIENT);
            assertThat(JobFailure.of(write).dependency()).isEqualTo(Dependency.STORE);
        }
    }

    @Test
    void shouldCallTheStoreDownWhenNothingAnswers(StackEndpoints stack) throws Exception {
        // Given: an endpoint where nothing listens
        try (ObjectStore store = store(stack, "http://127.0.0.1:1", stack.s3SecretKey())) {
            // When
            Throwable read = failureOf(store.get(bucket, "q.png", null, 1024));
            // Then
            assertThat(failureOf(store.probe(bucket))).isNotNull();
            assertThat(failureOf(store.probe(null))).isNotNull();
            assertThat(JobFailure.of(read).kind()).isEqualTo(JobFailure.Kind.TRANSIENT);
            assertThat(JobFailure.of(read).dependency()).isEqualTo(Dependency.STORE);
        }
    }

    @Test
    void shouldFailAJobPermanentlyWhenItsObjectIsMissingOrItsKeyIsLongerThanS3Allows(StackEndpoints stack)
            throws Exception {
        // Given
        StackSetup.createBuckets(stack, bucket);
        try (ObjectStore store = store(stack)) {
            // When
            JobFailure missing = JobFailure.of(failureOf(store.get(bucket, "missing.png", null, 1024)));
            JobFailure noBucket = JobFailure.of(failureOf(store.get("no-such-bucket-" + bucket, "q.png", null, 1024)));
            JobFailure tooLong =
                    JobFailure.of(failureOf(store.put(bucket, "k".repeat(1025), new byte[1], "image/png")));
            // Then
            assertThat(missing.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
            assertThat(noBucket.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
            assertThat(tooLong.retriable()).isFalse();
            assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID_JOB);
        }
    }
}
