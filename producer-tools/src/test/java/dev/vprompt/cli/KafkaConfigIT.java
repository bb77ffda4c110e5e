package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.worker.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-config FILE}: the client properties reach every Kafka client of a command, and no secret in them (nor
 * the S3 secret key) reaches its output or any log line.
 */
@WithStack
class KafkaConfigIT {

    private static CliHarness h;

    @TempDir
    Path dir;

    @BeforeAll
    static void startWorker(StackEndpoints stack) throws Exception {
        h = new CliHarness(stack).withWorker();
    }

    @AfterAll
    static void stopWorker() {
        h.close();
    }

    @Test
    void shouldSubmitAwaitAndLogNoSecretWhenTheKafkaConfigHoldsCredentials() throws Exception {
        // Given: a client properties file with credentials (unused by the embedded broker's plaintext listener)
        String jaasPassword = "jaas-" + UUID.randomUUID();
        String keyPassword = "key-" + UUID.randomUUID();
        Path config = Files.writeString(dir.resolve("client.properties"), """
                security.protocol=PLAINTEXT
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                    username="vp" password="%s";
                ssl.key.password=%s
                metadata.max.age.ms=60000
                """.formatted(jaasPassword, keyPassword));
        List<String> logs;
        CommandRun submitted;
        CommandRun awaited;
        try (LogCapture capture = new LogCapture("org.apache.kafka", "dev.vprompt")) {
            // When
            submitted = h.submitFolders(dir, 2, "--wait", "--timeout", "2m", "--kafka-config", config.toString());
            awaited = h.vp(
                    "await",
                    "--count",
                    "2",
                    "--since",
                    "beginning",
                    "--timeout",
                    "1m",
                    "--kafka-config",
                    config.toString());
            logs = capture.lines();
        }

        // Then
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        assertThat(submitted.count("SUCCEEDED")).isEqualTo(2);
        assertThat(awaited.exitCode()).as(awaited.err()).isZero();
        assertThat(logs)
                .as("the Kafka clients' configuration was captured")
                .anyMatch(l -> l.contains("ProducerConfig values"));
        List<String> everything = new ArrayList<>(logs);
        everything.addAll(List.of(submitted.out(), submitted.err(), awaited.out(), awaited.err()));
        for (String secret : List.of(jaasPassword, keyPassword, h.stack.s3SecretKey())) {
            assertThat(everything).as("no output or log line holds a secret").noneMatch(l -> l.contains(secret));
        }
    }

    @Test
    void shouldFailToConnectWhenTheKafkaConfigAsksForSaslOnAPlaintextListener() throws Exception {
        // Given: the properties a SASL cluster needs, against the embedded broker's plaintext listener
        String jaasPassword = "jaas-" + UUID.randomUUID();
        Path config = Files.writeString(dir.resolve("sasl.properties"), """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                    username="vp" password="%s";
                """.formatted(jaasPassword));
        // When
        CommandRun r = h.submitFolders(dir, 1, "--connect-timeout", "3s", "--kafka-config", config.toString());
        // Then: the clients used them (the handshake fails), and the one error line holds no secret
        assertThat(r.exitCode()).as(r.out()).isNotZero();
        assertThat(r.err()).isNotBlank().doesNotContain(jaasPassword);
    }

    @Test
    void shouldRefuseTheFileWhenItOverridesWhatTheClientsSetThemselves() throws Exception {
        // Given
        Path config = Files.writeString(dir.resolve("owned.properties"), "enable.auto.commit=true\nacks=1\n");
        // When
        CommandRun r = h.submitFolders(dir, 1, "--kafka-config", config.toString());
        // Then
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("[acks, enable.auto.commit]");
    }
}
