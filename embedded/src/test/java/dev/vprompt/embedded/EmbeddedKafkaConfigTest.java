package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

    @Test
    void shouldUseDocumentedDefaultsWhenNothingIsSet() {
        // When
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults();

        // Then
        assertThat(config.autoCreateTopics()).isFalse();
        assertThat(config.defaultPartitions()).isEqualTo(EmbeddedKafkaConfig.DEFAULT_PARTITIONS);
        assertThat(config.dataDirectory()).isNull();
        assertThat(config.startTimeout()).isEqualTo(EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT);
        assertThat(config.brokerOverrides()).isEmpty();
        assertThat(config.brokerPort()).isEqualTo(EmbeddedKafkaConfig.ANY_PORT);
        assertThat(config.controllerPort()).isEqualTo(EmbeddedKafkaConfig.ANY_PORT);
        assertThat(config.hasFixedPort()).isFalse();
    }

    @Test
    void shouldRejectPortsWhenOutOfRangeOrTheSame() {
        // Given
        EmbeddedKafkaConfig.Builder outOfRange =
                EmbeddedKafkaConfig.builder().brokerPort(-1).controllerPort(65_536);
        EmbeddedKafkaConfig.Builder same =
                EmbeddedKafkaConfig.builder().brokerPort(9092).controllerPort(9092);

        // When / Then
        assertThatThrownBy(outOfRange::build)
                .isInstanceOfSatisfying(
                        EmbeddedConfigException.class,
                        e -> assertThat(e.problems())
                                .hasSize(2)
                                .anySatisfy(p -> assertThat(p).contains("brokerPort"))
                                .anySatisfy(p -> assertThat(p).contains("controllerPort")));
        assertThatThrownBy(same::build).hasMessageContaining("must differ");
    }

    @Test
    void shouldListEveryProblemWhenSeveralRulesAreBroken() {
        // Given
        EmbeddedKafkaConfig.Builder builder = EmbeddedKafkaConfig.builder()
                .defaultPartitions(0)
                .startTimeout(Duration.ZERO)
                .brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092");

        // When / Then
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        EmbeddedConfigException.class,
                        e -> assertThat(e.problems())
                                .hasSize(3)
                                .anySatisfy(p -> assertThat(p).contains("defaultPartitions"))
                                .anySatisfy(p -> assertThat(p).contains("startTimeout"))
                                .anySatisfy(p -> assertThat(p).contains("'listeners'")));
    }

    @Test
    void shouldRejectEveryReservedPropertyWhenOverridden() {
        for (String key : EmbeddedKafkaConfig.RESERVED_PROPERTIES) {
            // Given
            EmbeddedKafkaConfig.Builder builder = EmbeddedKafkaConfig.builder().brokerProperty(key, "x");

            // When / Then
            assertThatThrownBy(builder::build)
                    .isInstanceOf(EmbeddedConfigException.class)
                    .hasMessageContaining(key);
        }
    }

    @Test
    void shouldRejectBrokerPropertyWhenKafkaRefusesItsValue() {
        // Given: a value Kafka's own config validation refuses
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
                .brokerProperty("log.segment.bytes", "not-a-number")
                .build();

        // When / Then: reported as a configuration problem, before any server starts
        assertThatThrownBy(() -> EmbeddedKafka.start(config))
                .isInstanceOf(EmbeddedConfigException.class)
                .hasMessageContaining("log.segment.bytes");
    }
}
