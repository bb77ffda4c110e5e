package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private static Connection local() {
        return Connection.of(
                "127.0.0.1:19092", URI.create("http://127.0.0.1:19000"), "key", "super-secret-value", "us-east-1");
    }

    @Test
    void shouldListEveryProblemWhenValuesAreInvalid() {
        assertThatThrownBy(() -> new Connection(
                        " ", URI.create("ftp://x"), "k", "s", "r", "j", "c", "d", "i", "r", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Kafka bootstrap address is required")
                .hasMessageContaining("S3 endpoint")
                .hasMessageContaining("timeout must be positive");
    }

    @Test
    void shouldNeverPrintTheSecretWhenLogged() {
        // When
        String text = local().toString();

        // Then
        assertThat(text).doesNotContain("super-secret-value").contains("127.0.0.1:19092");
    }

    @Test
    void shouldKeepEverythingElseWhenTopicsAndBucketsAreReplaced() {
        // When
        Connection c = local().withTopics("j", "c", "d").withBuckets("ib", "rb");

        // Then
        assertThat(c)
                .extracting(
                        Connection::bootstrap,
                        Connection::jobsTopic,
                        Connection::completionsTopic,
                        Connection::deadLetterTopic,
                        Connection::imagesBucket,
                        Connection::resultsBucket)
                .containsExactly("127.0.0.1:19092", "j", "c", "d", "ib", "rb");
    }

    @Test
    void shouldBoundBlockingByTheTimeoutWhenBuildingProducerProperties() {
        // Given
        Connection c = new Connection(
                "b:1", URI.create("http://s3:1"), "k", "s", "r", "j", "c", "d", "i", "o", Duration.ofSeconds(4));

        // When
        Properties p = c.producerProperties("id");

        // Then
        assertThat(p)
                .containsEntry("bootstrap.servers", "b:1")
                .containsEntry("client.id", "id")
                .containsEntry("acks", "all")
                .containsEntry("max.block.ms", "4000")
                .containsEntry("delivery.timeout.ms", "8000");
        assertThat(c.consumerProperties("id")).containsEntry("enable.auto.commit", "false");
    }
}
