package dev.vprompt.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigLoaderTest {

    @TempDir
    Path dir;

    private final WorkerConfigLoader loader = new WorkerConfigLoader();

    /** A file with the required keys (Kafka and S3 endpoints, credentials, allowed buckets), then {@code more}. */
    private Path minimalConfig(String allowedBuckets, String more) throws Exception {
        Path file = dir.resolve("worker.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                s3:
                  endpoint: http://127.0.0.1:9000
                  accessKey: a
                  secretKey: b
                  allowedBuckets: %s
                """.formatted(allowedBuckets) + more);
        return file;
    }

    @Test
    void shouldApplyDefaultsAndEnvironmentOverridesWhenFileIsMinimal() throws Exception {
        // Given
        Path file = minimalConfig("[images]", """
                batch:
                  maxBatchDelay: 40ms
                """);
        // When
        WorkerConfig c = loader.load(
                file,
                Map.of(
                        "VP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                        "VP_S3_ALLOWED_BUCKETS", "images, results",
                        "VP_BATCH_MAX_BATCH_SIZE", "16",
                        "VP_WORKER_ID", "w-1",
                        "HOME", "/root"));
        // Then
        assertThat(c.workerId()).isEqualTo("w-1");
        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(c.kafka().jobsTopic()).isEqualTo(KafkaSettings.DEFAULT_JOBS_TOPIC);
        assertThat(c.s3().allowedBuckets()).containsExactlyInAnyOrder("images", "results");
        assertThat(c.batch().maxBatchSize()).isEqualTo(16);
        assertThat(c.batch().maxBatchDelay()).isEqualTo(Duration.ofMillis(40));
        assertThat(c.pipeline().maxInFlight()).isEqualTo(PipelineSettings.DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void shouldLoadTheDeployExampleWhenTheFileIsTheOneShippedInDeploy() {
        // When
        WorkerConfig c = loader.load(Path.of("..", "deploy", "worker.example.yaml"), Map.of());
        // Then
        assertThat(c.s3().allowedBuckets()).containsExactlyInAnyOrder("vp-images", "vp-results");
        assertThat(c.s3().immutableBuckets())
                .as("shipped commented out: trusting a bucket is a decision")
                .isEmpty();
        assertThat(c.pipeline().exampleCacheBytes()).isEqualTo(PipelineSettings.DEFAULT_EXAMPLE_CACHE_BYTES);
    }

    @Test
    void shouldCacheExamplesOnlyFromDeclaredBucketsWhenImmutableBucketsComeFromTheEnvironment() throws Exception {
        // Given
        Path file = minimalConfig("[images, results]", "");
        // When
        WorkerConfig c = loader.load(
                file,
                Map.of(
                        "VP_S3_IMMUTABLE_BUCKETS", "images",
                        "VP_PIPELINE_EXAMPLE_CACHE_BYTES", "1048576",
                        "VP_PIPELINE_PUBLISH_PREDICTION", "false",
                        "VP_PIPELINE_RETRY_MAX_ATTEMPTS", "4",
                        "VP_PIPELINE_RETRY_MAX_ELAPSED", "30s",
                        "VP_PIPELINE_DEPENDENCY_PROBE_INTERVAL", "2s"));
        WorkerConfig defaults = loader.load(file, Map.of());
        // Then
        assertThat(c.s3().immutableBuckets()).containsExactly("images");
        assertThat(c.pipeline().exampleCacheBytes()).isEqualTo(1_048_576L);
        assertThat(c.pipeline().publishPrediction()).isFalse();
        assertThat(c.pipeline().retryMaxAttempts()).isEqualTo(4);
        assertThat(c.pipeline().retryMaxElapsed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pipeline().dependencyProbeInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.pipeline().retryMaxAttempts()).isEqualTo(PipelineSettings.DEFAULT_RETRY_MAX_ATTEMPTS);
        assertThat(defaults.s3().immutableBuckets())
                .as("nothing is trusted by default")
                .isEmpty();
        assertThat(defaults.pipeline().publishPrediction()).isTrue();
    }

    @Test
    void shouldReportEveryProblemAtOnceWhenSeveralValuesAreWrong() throws Exception {
        // Given
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: ""
                s3:
                  endpoint: http://127.0.0.1:9000
                  accessKey: a
                  secretKey: b
                batch:
                  maxBatchSize: 0
                model:
                  precision: FP8
                """);
        // When / Then
        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems())
                        .anyMatch(p -> p.contains("kafka.bootstrapServers"))
                        .anyMatch(p -> p.contains("s3.allowedBuckets"))
                        .anyMatch(p -> p.contains("batch.maxBatchSize"))
                        .anyMatch(p -> p.contains("model.precision")));
    }

    @Test
    void shouldKeepTheDefaultWhenAKeyHasNoValue() throws Exception {
        // Given
        Path file = dir.resolve("empty-values.yaml");
        Files.writeString(file, """
                workerId:
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                  maxPollRecords:
                s3:
                  endpoint: http://127.0.0.1:9000
                  accessKey: a
                  secretKey: b
                  allowedBuckets: [images]
                  immutableBuckets:
                pipeline:
                  maxInFlight:
                """);
        // When
        WorkerConfig c = loader.load(file, Map.of());
        // Then
        assertThat(c.workerId()).isEqualTo(WorkerConfig.DEFAULT_WORKER_ID);
        assertThat(c.kafka().maxPollRecords()).isEqualTo(KafkaSettings.DEFAULT_MAX_POLL_RECORDS);
        assertThat(c.s3().immutableBuckets()).isEmpty();
        assertThat(c.pipeline().maxInFlight()).isEqualTo(PipelineSettings.DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void shouldRejectUnknownKeysWhenFileHasATypo() throws Exception {
        // Given
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "kafka:\n  bootstrapServer: x\n");
        // When / Then
        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("bootstrapServer");
    }

    @Test
    void shouldNeverPrintTheSecretWhenSettingsAreLogged() {
        // Given
        S3Settings s3 = S3Settings.builder()
                .endpoint("http://x")
                .credentials("key", "super-secret")
                .allowedBuckets(java.util.Set.of("*"))
                .build();
        // When
        String text = s3.toString();
        // Then
        assertThat(text).doesNotContain("super-secret");
    }

    @Test
    void shouldConsumeThroughAShareGroupWhenTheModeIsShareInAnyCase() throws Exception {
        // Given
        Path file = minimalConfig("[images]", "");

        // When
        WorkerConfig shared = loader.load(file, Map.of("VP_KAFKA_CONSUMER_MODE", "Share"));
        WorkerConfig plain = loader.load(file, Map.of());

        // Then
        assertThat(shared.kafka().consumerMode()).isEqualTo(KafkaSettings.CONSUMER_MODE_SHARE);
        assertThat(shared.kafka().shareMode()).isTrue();
        assertThat(plain.kafka().consumerMode()).isEqualTo(KafkaSettings.DEFAULT_CONSUMER_MODE);
        assertThat(plain.kafka().shareMode()).isFalse();
    }

    @Test
    void shouldRefuseAConsumerModeOtherThanGroupOrShareWhenLoading() throws Exception {
        // Given
        Path file = minimalConfig("[images]", "");

        // When / Then
        assertThatThrownBy(() -> loader.load(file, Map.of("VP_KAFKA_CONSUMER_MODE", "queue")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("kafka.consumerMode must be group or share, was queue");
    }
}
