package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    @Test
    void shouldApplyTheExtraKafkaPropertiesToEveryClientWhenTheConnectionCarriesThem() {
        // Given: TLS + SASL and a tuning value, as a --kafka-config file would give them
        Map<String, String> extra = Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"jaas-pw\";",
                "request.timeout.ms", "30000");
        // When
        Connection c = local().withKafkaProperties(extra).withTopics("j", "c", "d");
        // Then
        for (Properties p : List.of(c.producerProperties("p"), c.consumerProperties("c"), c.adminProperties("a"))) {
            assertThat(p)
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.jaas.config", extra.get("sasl.jaas.config"))
                    .containsEntry("request.timeout.ms", "30000")
                    .containsEntry("bootstrap.servers", "127.0.0.1:19092");
        }
        assertThat(c.producerProperties("p")).containsEntry("acks", "all");
        assertThat(c.consumerProperties("c")).containsEntry("enable.auto.commit", "false");
        assertThat(c.toString()).doesNotContain("jaas-pw").contains("sasl.jaas.config=[hidden]");
    }

    @Test
    void shouldRefuseThePropertiesTheClientsOwnWhenExtraKafkaPropertiesSetThem() {
        // When / Then
        assertThatThrownBy(() -> local().withKafkaProperties(Map.of(
                        "bootstrap.servers", "elsewhere:9092",
                        "enable.auto.commit", "true",
                        "acks", "1",
                        "ssl.truststore.location", "/etc/ts.jks")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[acks, bootstrap.servers, enable.auto.commit]")
                .hasMessageNotContaining("ssl.truststore.location");
    }
}
