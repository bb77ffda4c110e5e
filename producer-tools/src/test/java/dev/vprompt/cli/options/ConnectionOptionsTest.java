package dev.vprompt.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.client.Connection;
import dev.vprompt.client.EnvNames;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConnectionOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ConnectionOptions options;
    }

    private static ConnectionOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe)
                .registerConverter(java.time.Duration.class, new DurationConverter())
                .parseArgs(args);
        return probe.options;
    }

    @Test
    void shouldPreferFlagThenEnvironmentThenStackFileThenDefaultWhenResolving() {
        // Given
        ConnectionOptions options = parse("--bootstrap", "flag:1");
        Map<String, String> env = Map.of(EnvNames.BOOTSTRAP, "env:2", EnvNames.S3_ENDPOINT, "http://env:3");
        Map<String, String> stackFile = Map.of(
                EnvNames.BOOTSTRAP, "file:4", EnvNames.S3_ENDPOINT, "http://file:5", EnvNames.S3_ACCESS_KEY, "fk");
        // When
        Connection c = options.resolve(env, stackFile);
        // Then
        assertThat(c.bootstrap()).isEqualTo("flag:1");
        assertThat(c.s3Endpoint()).isEqualTo(URI.create("http://env:3"));
        assertThat(c.s3AccessKey()).isEqualTo("fk");
        assertThat(c.s3SecretKey()).isEqualTo(Connection.DEFAULT_SECRET_KEY);
        assertThat(c.jobsTopic()).isEqualTo(Connection.DEFAULT_JOBS_TOPIC);
        assertThat(c.timeout()).isEqualTo(Connection.DEFAULT_TIMEOUT);
    }

    @Test
    void shouldTakeTopicsBucketsAndTimeoutFromFlagsWhenGiven() {
        // Given
        ConnectionOptions options = parse(
                "--jobs-topic",
                "j",
                "--completions-topic",
                "c",
                "--dead-letter-topic",
                "d",
                "--images-bucket",
                "ib",
                "--results-bucket",
                "rb",
                "--connect-timeout",
                "2s");
        // When
        Connection c = options.resolve(Map.of(), Map.of());
        // Then
        assertThat(c)
                .extracting(
                        Connection::jobsTopic,
                        Connection::completionsTopic,
                        Connection::deadLetterTopic,
                        Connection::imagesBucket,
                        Connection::resultsBucket)
                .containsExactly("j", "c", "d", "ib", "rb");
        assertThat(c.timeout()).hasSeconds(2);
    }

    @Test
    void shouldListEveryProblemWhenTheConnectionIsInvalid() {
        // Given
        ConnectionOptions options = parse("--s3-endpoint", "ftp://x", "--connect-timeout", "0s");
        // When / Then
        assertThatThrownBy(() -> options.resolve(Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S3 endpoint")
                .hasMessageContaining("timeout must be positive");
    }

    @Test
    void shouldNeverPrintTheSecretWhenConnectionIsLogged() {
        // Given
        Connection c = parse("--s3-secret-key", "super-secret-value").resolve(Map.of(), Map.of());
        // When / Then
        assertThat(c.toString()).doesNotContain("super-secret-value");
    }

    @Test
    void shouldKeepOneAcknowledgedRequestInFlightWhenProducing() {
        // Given
        Connection c = parse().resolve(Map.of(), Map.of());
        // When
        Properties p = c.producerProperties("probe");
        // Then: batches stay in order even when the first one is refused with a retriable error
        assertThat(p)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1")
                .doesNotContainKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
    }
}
