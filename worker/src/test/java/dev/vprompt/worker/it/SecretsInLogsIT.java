package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.worker.LogCapture;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.config.WorkerConfigLoader;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker configured with secrets the way an operator would (the S3 secret key in a file, a SASL JAAS password
 * through Kafka's file config provider, a TLS password in the client properties) runs jobs, fails one and stops;
 * nothing it or its Kafka clients log holds a secret.
 */
@WithStack
class SecretsInLogsIT extends PipelineItBase {

    @TempDir
    Path dir;

    @Test
    void shouldLogNoSecretWhenAWorkerRunsWithSecretsConfigured() throws Exception {
        // Given
        String jaasPassword = "jaas-" + UUID.randomUUID();
        String truststorePassword = "truststore-" + UUID.randomUUID();
        Path s3Secret = Files.writeString(dir.resolve("s3-secret"), h.stack.s3SecretKey() + "\n");
        Path kafkaSecrets = Files.writeString(dir.resolve("kafka.properties"), "password=" + jaasPassword + "\n");
        Path yaml = Files.writeString(dir.resolve("worker.yaml"), config(s3Secret, kafkaSecrets, truststorePassword));
        WorkerConfig config = new WorkerConfigLoader().load(yaml, Map.of());
        h.submit(h.job("fine").build());
        h.submit(h.job("refused")
                .setOutput(OutputLocation.newBuilder()
                        .setBucket(h.images)
                        .setPrefix("p")
                        .build())
                .build());
        h.flush();

        List<String> logs;
        try (LogCapture capture = new LogCapture("org.apache.kafka", "dev.vprompt")) {
            // When
            try (Worker worker = new Worker(config).start()) {
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> h.completions.byId().size() == 2);
            }
            logs = capture.lines();
        }

        // Then
        assertThat(h.completions.byId().get("fine").getStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(h.completions.byId().get("refused").getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(logs)
                .as("the startup configuration and the clients' configuration dumps were captured")
                .anyMatch(l -> l.contains("starting worker") && l.contains("sasl.jaas.config=[hidden]"))
                .anyMatch(l -> l.contains("ConsumerConfig values"))
                .anyMatch(l -> l.contains("ProducerConfig values"));
        for (String secret : List.of(jaasPassword, truststorePassword, h.stack.s3SecretKey())) {
            assertThat(logs).as("no log line holds a secret").noneMatch(l -> l.contains(secret));
        }
    }

    private String config(Path s3Secret, Path kafkaSecrets, String truststorePassword) {
        return """
                workerId: w-secrets
                kafka:
                  bootstrapServers: %s
                  jobsTopic: %s
                  completionsTopic: %s
                  deadLetterTopic: %s
                  groupId: %s
                  commitInterval: 200ms
                  clientProperties:
                    config.providers: file
                    config.providers.file.class: org.apache.kafka.common.config.provider.FileConfigProvider
                    sasl.jaas.config: >-
                      org.apache.kafka.common.security.plain.PlainLoginModule required
                      username="vp" password="${file:%s:password}";
                    ssl.truststore.password: %s
                s3:
                  endpoint: %s
                  region: %s
                  accessKey: %s
                  secretKeyFile: %s
                  read: [%s]
                  write: [%s]
                  maxObjectBytes: 262144
                pipeline:
                  maxInFlight: 16
                  prepareThreads: 2
                  maxImagePixels: %d
                model:
                  devices: [cpu]
                  nullModel: true
                http:
                  port: 0
                """.formatted(
                        h.stack.kafkaBootstrap(),
                        h.jobsTopic,
                        h.completionsTopic,
                        h.deadLetterTopic,
                        h.groupId,
                        kafkaSecrets,
                        truststorePassword,
                        h.stack.s3Endpoint(),
                        h.stack.s3Region(),
                        h.stack.s3AccessKey(),
                        s3Secret,
                        h.images,
                        h.results,
                        MAX_IMAGE_PIXELS);
    }
}
