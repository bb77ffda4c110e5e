package dev.vprompt.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.ImageLimits;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Building a worker configuration in code: defaults, validation, derived values. */
class WorkerConfigTest {

    private static KafkaSettings kafka() {
        return KafkaSettings.builder().bootstrapServers("127.0.0.1:9092").build();
    }

    private static S3Settings s3(int maxConcurrentRequests) {
        return S3Settings.builder()
                .endpoint("http://127.0.0.1:9000")
                .credentials("access", "secret")
                .read(List.of(S3Permission.bucket("images")))
                .write(List.of(S3Permission.bucket("results")))
                .maxConcurrentRequests(maxConcurrentRequests)
                .build();
    }

    @Test
    void shouldStartEverySectionAtItsDefaultsWhenOnlyKafkaAndS3AreSet() {
        // When
        WorkerConfig c = WorkerConfig.builder().kafka(kafka()).s3(s3(8)).build();
        // Then
        assertThat(c.workerId()).isEqualTo(WorkerConfig.DEFAULT_WORKER_ID);
        assertThat(c.kafka().jobsTopic()).isEqualTo(KafkaSettings.DEFAULT_JOBS_TOPIC);
        assertThat(c.kafka().clientProperties()).isEmpty();
        assertThat(c.s3().region()).isEqualTo(S3Settings.DEFAULT_REGION);
        assertThat(c.s3().immutableBuckets()).isEmpty();
        assertThat(c.s3().client()).isEqualTo(S3Settings.CLIENT_VERTX);
        assertThat(c.pipeline().maxInFlight()).isEqualTo(PipelineSettings.DEFAULT_MAX_IN_FLIGHT);
        assertThat(c.pipeline().publishPrediction()).isEqualTo(PipelineSettings.DEFAULT_PUBLISH_PREDICTION);
        assertThat(c.batch().maxBatchDelay()).isEqualTo(BatchSettings.DEFAULT_MAX_BATCH_DELAY);
        assertThat(c.model().devices()).isEqualTo(ModelSettings.DEFAULT_DEVICES);
        assertThat(c.model().nullModel()).isFalse();
        assertThat(c.http().port()).isEqualTo(HttpSettings.DEFAULT_PORT);
    }

    @Test
    void shouldListEveryProblemWhenSectionsAreMissingOrValuesWrong() {
        // When / Then: the missing sections are reported together
        assertThatThrownBy(() -> WorkerConfig.builder().build())
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems())
                        .anyMatch(p -> p.startsWith("kafka section is required"))
                        .anyMatch(p -> p.startsWith("s3 section is required")));
        // and so are wrong values of several sections
        assertThatThrownBy(() -> WorkerConfig.builder()
                        .kafka(kafka().toBuilder().maxPollRecords(0).build())
                        .s3(s3(0))
                        .pipeline(PipelineSettings.builder()
                                .retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                                .retryMaxAttempts(0)
                                .dependencyProbeInterval(Duration.ZERO)
                                .build())
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems())
                        .anyMatch(p -> p.startsWith("kafka.maxPollRecords"))
                        .anyMatch(p -> p.startsWith("s3.maxConcurrentRequests"))
                        .anyMatch(p -> p.startsWith("pipeline.retryMaxBackoff"))
                        .anyMatch(p -> p.startsWith("pipeline.retryMaxAttempts"))
                        .anyMatch(p -> p.startsWith("pipeline.dependencyProbeInterval")));
    }

    @Test
    void shouldRejectABatcherSmallerThanIntakeWhenBothAreSet() {
        // When / Then
        assertThatThrownBy(() -> WorkerConfig.builder()
                        .kafka(kafka())
                        .s3(s3(8))
                        .pipeline(PipelineSettings.builder().maxInFlight(64).build())
                        .batch(BatchSettings.builder().queueCapacity(32).build())
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("batch.queueCapacity (32) must be >= pipeline.maxInFlight (64)");
    }

    @Test
    void shouldGiveAnEqualConfigWhenRebuiltFromToBuilder() {
        // Given
        WorkerConfig c = WorkerConfig.builder()
                .workerId("w-1")
                .kafka(kafka().toBuilder().groupId("g").build())
                .s3(s3(8).toBuilder().immutableBuckets(Set.of("images")).build())
                .pipeline(PipelineSettings.builder().publishPrediction(false).build())
                .batch(BatchSettings.builder().maxBatchSize(4).build())
                .model(ModelSettings.builder().precision("bf16").build())
                .http(HttpSettings.builder().port(HttpSettings.DISABLED).build())
                .build();
        // When
        WorkerConfig copy = c.toBuilder().build();
        WorkerConfig sections = WorkerConfig.builder()
                .workerId(c.workerId())
                .kafka(c.kafka().toBuilder().build())
                .s3(c.s3().toBuilder().build())
                .pipeline(c.pipeline().toBuilder().build())
                .batch(c.batch().toBuilder().build())
                .model(c.model().toBuilder().build())
                .http(c.http().toBuilder().build())
                .build();
        // Then
        assertThat(copy).isEqualTo(c);
        assertThat(sections).isEqualTo(c);
        assertThat(c.model().precision()).isEqualTo("BF16");
    }

    @Test
    void shouldAcceptEitherS3ClientInAnyCaseAndRefuseAnOtherWhenValidating() {
        // When / Then
        assertThat(s3(8).toBuilder().client("MinIO").build().client()).isEqualTo(S3Settings.CLIENT_MINIO);
        assertRefused(s3(8).toBuilder().client("aws").build(), "s3.client must be vertx or minio, was aws");
    }

    @Test
    void shouldSignPayloadsOnlyOverPlainHttpToAnotherHostWhenPayloadSigningIsAuto() {
        // Given
        S3Settings loopback = s3(8);

        // When / Then
        assertThat(loopback.payloadSigning()).isEqualTo(S3Settings.PAYLOAD_AUTO);
        assertThat(loopback.signsPayload()).isFalse();
        assertThat(withEndpoint("http://localhost:9000").signsPayload()).isFalse();
        assertThat(withEndpoint("http://[::1]:9000").signsPayload()).isFalse();
        assertThat(withEndpoint("https://s3.example.com").signsPayload()).isFalse();
        assertThat(withEndpoint("http://minio.storage.svc:9000").signsPayload()).isTrue();
        assertThat(withEndpoint("http://10.0.0.7:9000").signsPayload()).isTrue();
        assertThat(withEndpoint("http://127.example.com:9000").signsPayload()).isTrue();
    }

    @Test
    void shouldFollowAnExplicitPayloadSigningInAnyCaseAndRefuseAnOtherWhenValidating() {
        // When / Then
        assertThat(s3(8).toBuilder().payloadSigning("Signed").build().signsPayload())
                .isTrue();
        assertThat(withEndpoint("http://minio:9000").toBuilder()
                        .payloadSigning("unsigned")
                        .build()
                        .signsPayload())
                .isFalse();
        assertRefused(
                s3(8).toBuilder().payloadSigning("sometimes").build(),
                "s3.payloadSigning must be auto, signed or unsigned, was sometimes");
    }

    private static void assertRefused(S3Settings s3, String problem) {
        assertThatThrownBy(() -> WorkerConfig.builder().kafka(kafka()).s3(s3).build())
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(
                        e -> assertThat(((InvalidConfigException) e).problems()).anyMatch(p -> p.equals(problem)));
    }

    private static S3Settings withEndpoint(String endpoint) {
        return s3(8).toBuilder().endpoint(endpoint).build();
    }

    @Test
    void shouldUseOneIoThreadPerRequestUpToTheBoundWhenDerivingS3IoThreads() {
        // When / Then
        assertThat(s3(4).ioThreads()).isEqualTo(4);
        assertThat(s3(64).ioThreads()).isEqualTo(S3Settings.MAX_IO_THREADS);
    }

    @Test
    void shouldProbeANamedBucketWhenOneIsAllowed() {
        // When / Then
        assertThat(s3(8).probeBucket()).contains("images");
        assertThat(S3Settings.builder()
                        .endpoint("http://127.0.0.1:9000")
                        .credentials("access", "secret")
                        .allowedBuckets(Set.of("*"))
                        .build()
                        .probeBucket())
                .isEmpty();
    }

    @Test
    void shouldCapThePollAtHalfTheInFlightBoundWhenItIsLarger() {
        // When
        WorkerConfig small = WorkerConfig.builder()
                .kafka(kafka().toBuilder().maxPollRecords(500).build())
                .s3(s3(8))
                .pipeline(PipelineSettings.builder().maxInFlight(32).build())
                .build();
        WorkerConfig defaults = WorkerConfig.builder().kafka(kafka()).s3(s3(8)).build();
        // Then: a poll always fits while half the bound is in flight, which is where intake resumes
        assertThat(small.kafka().maxPollRecords()).isEqualTo(16);
        assertThat(defaults.kafka().maxPollRecords()).isEqualTo(KafkaSettings.DEFAULT_MAX_POLL_RECORDS);
        assertThat(KafkaSettings.DEFAULT_MAX_POLL_RECORDS)
                .isLessThanOrEqualTo(WorkerConfig.maxPollRecordsFor(PipelineSettings.DEFAULT_MAX_IN_FLIGHT));
    }

    @Test
    void shouldBoundBytesInFlightAndImageSidesWhenDefaultsAreUsed() {
        // When
        PipelineSettings p = PipelineSettings.defaults();
        // Then
        assertThat(p.maxInFlightBytes()).isEqualTo(PipelineSettings.DEFAULT_MAX_IN_FLIGHT_BYTES);
        assertThat(p.maxImageSide()).isEqualTo(ImageLimits.DEFAULT_MAX_SIDE);
        assertThatThrownBy(() -> WorkerConfig.builder()
                        .kafka(kafka())
                        .s3(s3(8))
                        .pipeline(PipelineSettings.builder()
                                .maxInFlightBytes(0)
                                .maxImageSide(0)
                                .maxImagePixels(ImageLimits.HARD_MAX_PIXELS + 1)
                                .build())
                        .build())
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .anyMatch(m -> m.startsWith("pipeline.maxInFlightBytes"))
                                .anyMatch(m -> m.startsWith("pipeline.maxImageSide"))
                                .anyMatch(m -> m.startsWith("pipeline.maxImagePixels must be <=")));
    }
}
