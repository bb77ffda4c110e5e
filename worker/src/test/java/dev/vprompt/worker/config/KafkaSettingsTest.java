package dev.vprompt.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka section: delivery-critical client properties refused, secrets hidden when printed. */
class KafkaSettingsTest {

    private static WorkerConfig withClientProperties(Map<String, String> properties) {
        return WorkerConfig.builder()
                .kafka(KafkaSettings.builder()
                        .bootstrapServers("127.0.0.1:9092")
                        .clientProperties(properties)
                        .build())
                .s3(S3Settings.builder()
                        .endpoint("http://127.0.0.1:9000")
                        .credentials("s3-access-value", "s3-secret-value")
                        .read(List.of(S3Permission.bucket("images")))
                        .write(List.of(S3Permission.bucket("results")))
                        .build())
                .build();
    }

    @Test
    void shouldRefuseEveryDeliveryCriticalOverrideInOneProblemWhenClientPropertiesSetThem() {
        // Given: overrides that would lose or duplicate jobs, beside harmless ones
        Map<String, String> properties = Map.of(
                "enable.auto.commit", "true",
                "acks", "1",
                "enable.idempotence", "false",
                "max.in.flight.requests.per.connection", "6",
                "isolation.level", "read_uncommitted",
                "group.id", "elsewhere",
                "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "security.protocol", "SASL_SSL",
                "fetch.max.bytes", "1048576");
        // When / Then
        assertThatThrownBy(() -> withClientProperties(properties))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0))
                            .startsWith("kafka.clientProperties may not override delivery-critical properties")
                            .contains("enable.auto.commit=true")
                            .contains("acks=1")
                            .contains("enable.idempotence=false")
                            .contains("max.in.flight.requests.per.connection=6")
                            .contains("isolation.level=read_uncommitted")
                            .contains("group.id=elsewhere")
                            .contains("value.deserializer=")
                            .doesNotContain("security.protocol")
                            .doesNotContain("fetch.max.bytes");
                });
    }

    @Test
    void shouldAcceptTheSafeValuesWhenClientPropertiesRepeatThem() {
        // Given
        Map<String, String> properties = Map.of(
                "enable.auto.commit", "false",
                "acks", "all",
                "enable.idempotence", "TRUE",
                "max.in.flight.requests.per.connection", "5",
                "isolation.level", "read_committed",
                "auto.offset.reset", "earliest",
                "security.protocol", "SASL_SSL");
        // When
        WorkerConfig c = withClientProperties(properties);
        // Then
        assertThat(c.kafka().clientProperties()).isEqualTo(properties);
    }

    @Test
    void shouldHideSecretValuesWhenTheSettingsArePrinted() {
        // Given: a JAAS config, TLS passwords and a config provider's token, beside plain values
        Map<String, String> properties = Map.of(
                "sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"jaas-pw\";",
                "ssl.key.password", "key-pw",
                "ssl.truststore.password", "trust-pw",
                "config.providers.vault.param.token", "vault-token",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN");
        // When
        WorkerConfig c = withClientProperties(properties);
        String kafka = c.kafka().toString();
        String whole = c.toString();
        // Then
        for (String text : List.of(kafka, whole)) {
            assertThat(text)
                    .doesNotContain(
                            "jaas-pw", "key-pw", "trust-pw", "vault-token", "s3-secret-value", "s3-access-value")
                    .contains("security.protocol=SASL_SSL", "sasl.mechanism=PLAIN", "sasl.jaas.config=[hidden]");
        }
    }

    private static WorkerConfig withDelivery(String delivery, String consumerMode, String transactionalId) {
        WorkerConfig base = withClientProperties(Map.of());
        return base.toBuilder()
                .workerId("w-7")
                .kafka(KafkaSettings.builder()
                        .bootstrapServers(base.kafka().bootstrapServers())
                        .delivery(delivery)
                        .consumerMode(consumerMode)
                        .transactionalId(transactionalId)
                        .build())
                .build();
    }

    @Test
    void shouldDeliverAtLeastOnceWhenDeliveryIsNotSet() {
        // When
        WorkerConfig c = withClientProperties(Map.of());
        // Then
        assertThat(c.kafka().delivery()).isEqualTo("at-least-once");
        assertThat(c.kafka().exactlyOnce()).isFalse();
        assertThat(c.kafka().commitInterval()).isEqualTo(KafkaSettings.DEFAULT_COMMIT_INTERVAL);
    }

    @Test
    void shouldDeriveATransactionalIdFromGroupAndWorkerWhenNoneIsConfigured() {
        // When
        WorkerConfig derived = withDelivery("Exactly-Once", "group", "  ");
        WorkerConfig configured = withDelivery("exactly-once", "group", "pod-3");
        // Then
        assertThat(derived.kafka().exactlyOnce()).isTrue();
        assertThat(derived.kafka().commitInterval()).isEqualTo(KafkaSettings.DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL);
        assertThat(derived.kafka().transactionalIdFor(derived.workerId())).isEqualTo("vp-tx-vprompt-workers-w-7");
        assertThat(configured.kafka().transactionalIdFor(configured.workerId())).isEqualTo("pod-3");
    }

    @Test
    void shouldRefuseExactlyOnceWhenJobsComeFromAShareGroup() {
        assertThatThrownBy(() -> withDelivery("exactly-once", "share", null))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(
                                        p -> assertThat(p).contains("exactly-once needs kafka.consumerMode group")));
    }

    @Test
    void shouldRefuseAnUnknownDeliveryWhenConfigured() {
        assertThatThrownBy(() -> withDelivery("at-most-once", "group", null))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p)
                                        .contains("kafka.delivery must be at-least-once or exactly-once")));
    }
}
