package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryPropertyWhenTheFileIsAClientPropertiesFile() throws Exception {
        // Given: the shape of a client.properties file for a SASL_SSL cluster
        Path file = Files.writeString(dir.resolve("client.properties"), """
                # TLS + SCRAM
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                    username="vp" password="${env:KAFKA_PASSWORD}";
                ssl.truststore.location=/etc/kafka/truststore.jks
                """);
        // When
        Map<String, String> p = KafkaClientProperties.load(file);
        // Then
        assertThat(p)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"vp\""
                                + " password=\"${env:KAFKA_PASSWORD}\";");
    }

    @Test
    void shouldNameTheFileWhenItCannotBeRead() {
        // When / Then
        assertThatThrownBy(() -> KafkaClientProperties.load(dir.resolve("missing.properties")))
                .isInstanceOf(VpClientException.class)
                .hasMessageContaining("missing.properties");
    }

    @Test
    void shouldHideEverySecretWhenRedacting() {
        // Given: Kafka's password-typed configs, a provider's parameter and plain values
        Map<String, String> p = Map.of(
                "sasl.jaas.config", "x",
                "ssl.keystore.key", "x",
                "ssl.key.password", "x",
                "sasl.oauthbearer.client.credentials.client.secret", "x",
                "config.providers.vault.param.token", "x",
                "basic.auth.user.info", "x",
                "security.protocol", "SASL_SSL",
                "ssl.truststore.location", "/ts.jks");
        // When
        Map<String, String> shown = KafkaClientProperties.redacted(p);
        // Then
        assertThat(shown)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/ts.jks");
        p.keySet().stream()
                .filter(k -> !k.startsWith("security.") && !k.startsWith("ssl.truststore"))
                .forEach(k -> assertThat(shown.get(k)).as(k).isEqualTo(KafkaClientProperties.HIDDEN));
    }
}
