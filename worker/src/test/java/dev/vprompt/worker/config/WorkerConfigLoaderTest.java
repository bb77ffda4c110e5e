package dev.vprompt.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.RepeatingRowsPng;
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

    /** Grants reading bucket {@code images} and writing bucket {@code results}. */
    private static final String GRANTS = """
              read: [images]
              write: [results]
            """;

    /** A file with the required keys (Kafka and S3 endpoints, credentials, {@code grants}), then {@code more}. */
    private Path minimalConfig(String grants, String more) throws Exception {
        Path file = Files.createTempFile(dir, "worker", ".yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                s3:
                  endpoint: http://127.0.0.1:9000
                  accessKey: a
                  secretKey: b
                """ + grants + more);
        return file;
    }

    @Test
    void shouldApplyDefaultsAndEnvironmentOverridesWhenFileIsMinimal() throws Exception {
        // Given
        Path file = minimalConfig(GRANTS, """
                batch:
                  maxBatchDelay: 40ms
                """);
        // When
        WorkerConfig c = loader.load(
                file,
                Map.of(
                        "VP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                        "VP_S3_READ", "images, shared/team-a/",
                        "VP_S3_WRITE", "results/runs/",
                        "VP_BATCH_MAX_BATCH_SIZE", "16",
                        "VP_WORKER_ID", "w-1",
                        "HOME", "/root"));
        // Then
        assertThat(c.workerId()).isEqualTo("w-1");
        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(c.kafka().jobsTopic()).isEqualTo(KafkaSettings.DEFAULT_JOBS_TOPIC);
        assertThat(c.s3().read()).containsExactly(S3Permission.bucket("images"), new S3Permission("shared", "team-a/"));
        assertThat(c.s3().write()).containsExactly(new S3Permission("results", "runs/"));
        assertThat(c.batch().maxBatchSize()).isEqualTo(16);
        assertThat(c.batch().maxBatchDelay()).isEqualTo(Duration.ofMillis(40));
        assertThat(c.pipeline().maxInFlight()).isEqualTo(PipelineSettings.DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void shouldLoadTheDeployExampleWhenTheFileIsTheOneShippedInDeploy() {
        // When
        WorkerConfig c = loader.load(Path.of("..", "deploy", "worker.example.yaml"), Map.of());
        // Then
        assertThat(c.s3().read()).containsExactly(S3Permission.bucket("vp-images"));
        assertThat(c.s3().write()).containsExactly(S3Permission.bucket("vp-results"));
        assertThat(c.s3().immutableBuckets())
                .as("shipped commented out: trusting a bucket is a decision")
                .isEmpty();
        assertThat(c.pipeline().exampleCacheBytes()).isEqualTo(PipelineSettings.DEFAULT_EXAMPLE_CACHE_BYTES);
    }

    @Test
    void shouldCacheExamplesOnlyFromDeclaredBucketsWhenImmutableBucketsComeFromTheEnvironment() throws Exception {
        // Given
        Path file = minimalConfig(GRANTS, "");
        // When
        WorkerConfig c = loader.load(
                file,
                Map.of(
                        "VP_S3_IMMUTABLE_BUCKETS", "images",
                        "VP_PIPELINE_EXAMPLE_CACHE_BYTES", "1048576",
                        "VP_PIPELINE_PUBLISH_PREDICTION", "false",
                        "VP_PIPELINE_PREDICTION_ROWS", "COMPRESSED",
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
        assertThat(c.pipeline().predictionRows()).isEqualTo(RepeatingRowsPng.Tail.COMPRESSED);
        assertThat(defaults.pipeline().predictionRows()).isEqualTo(RepeatingRowsPng.Tail.STORED);
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
                        .anyMatch(p -> p.contains("s3.read"))
                        .anyMatch(p -> p.contains("s3.write"))
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
                  read: [images]
                  write: [results]
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
        assertThat(text).doesNotContain("super-secret").doesNotContain("key");
    }

    @Test
    void shouldReadGrantsWrittenAsMapsOrStringsWhenTheFileMixesThem() throws Exception {
        // Given
        Path file = minimalConfig("""
                  read:
                    - {bucket: images, prefix: shared/}
                    - refs
                  write:
                    - bucket: results
                    - results-b/team-a/
                """, "");
        // When
        S3Settings s3 = loader.load(file, Map.of()).s3();
        // Then
        assertThat(s3.read()).containsExactly(new S3Permission("images", "shared/"), S3Permission.bucket("refs"));
        assertThat(s3.write())
                .containsExactly(S3Permission.bucket("results"), new S3Permission("results-b", "team-a/"));
        assertThat(s3.mayRead("images", "shared/a.png")).isTrue();
        assertThat(s3.mayRead("images", "private/a.png")).isFalse();
        assertThat(s3.mayWrite("results-b", "team-a/j/mask.png")).isTrue();
        assertThat(s3.mayWrite("results-b", "team-b/j/mask.png")).isFalse();
        assertThat(s3.mayWrite("images", "shared/j/mask.png")).isFalse();
    }

    @Test
    void shouldGrantReadAndWriteWhenTheDeprecatedShorthandNamesBuckets() throws Exception {
        // Given: the old key, from the file and from the environment
        Path file = minimalConfig("  allowedBuckets: [images]\n", "");
        // When
        S3Settings s3 = loader.load(file, Map.of("VP_S3_ALLOWED_BUCKETS", "images,results"))
                .s3();
        // Then
        assertThat(s3.read()).containsExactly(S3Permission.bucket("images"), S3Permission.bucket("results"));
        assertThat(s3.write()).isEqualTo(s3.read());
    }

    @Test
    void shouldRefuseToStartWhenAWriteGrantNamesAnImmutableBucket() throws Exception {
        // Given: the shorthand grants writes to the images bucket, which is also declared write-once
        Path shorthand = minimalConfig("""
                  allowedBuckets: [images, results]
                  immutableBuckets: [images]
                """, "");
        Path grants = minimalConfig(GRANTS, "");
        // When / Then
        assertThatThrownBy(() -> loader.load(shorthand, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("grants writes to [images], declared write-once in s3.immutableBuckets");
        assertThatThrownBy(() -> loader.load(grants, Map.of("VP_S3_IMMUTABLE_BUCKETS", "results")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("[results]");
    }

    @Test
    void shouldReadTheS3KeysFromFilesWhenTheConfigNamesThem() throws Exception {
        // Given: keys in files (a mounted Secret), not in the YAML
        Path access = Files.writeString(dir.resolve("access"), "from-file-access\n");
        Path secret = Files.writeString(dir.resolve("secret"), "from-file-secret\n");
        Path file = dir.resolve("files.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                s3:
                  endpoint: http://127.0.0.1:9000
                  accessKeyFile: %s
                """.formatted(access) + GRANTS);
        // When
        S3Settings s3 = loader.load(file, Map.of("VP_S3_SECRET_KEY_FILE", secret.toString()))
                .s3();
        // Then
        assertThat(s3.accessKey()).isEqualTo("from-file-access");
        assertThat(s3.secretKey()).isEqualTo("from-file-secret");
    }

    @Test
    void shouldNameTheFileButNotItsContentsWhenASecretFileIsWrong() throws Exception {
        // Given: the secret key given twice, and an access key file that does not exist
        Path secret = Files.writeString(dir.resolve("secret"), "never-printed");
        Path file = dir.resolve("twice.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                s3:
                  endpoint: http://127.0.0.1:9000
                  secretKey: b
                """ + GRANTS);
        // When / Then
        assertThatThrownBy(() -> loader.load(
                        file,
                        Map.of(
                                "VP_S3_SECRET_KEY_FILE", secret.toString(),
                                "VP_S3_ACCESS_KEY_FILE", dir.resolve("missing").toString())))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems())
                        .anyMatch(p -> p.contains("s3.accessKeyFile: cannot read " + dir.resolve("missing")))
                        .anyMatch(p -> p.contains("set s3.secretKey or s3.secretKeyFile, not both")))
                .message()
                .doesNotContain("never-printed");
    }

    @Test
    void shouldConsumeThroughAShareGroupWhenTheModeIsShareInAnyCase() throws Exception {
        // Given
        Path file = minimalConfig(GRANTS, "");

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
        Path file = minimalConfig(GRANTS, "");

        // When / Then
        assertThatThrownBy(() -> loader.load(file, Map.of("VP_KAFKA_CONSUMER_MODE", "queue")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("kafka.consumerMode must be group or share, was queue");
    }
}
