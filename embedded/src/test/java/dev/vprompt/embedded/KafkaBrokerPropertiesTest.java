package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerPropertiesTest {

    private static final Path DIR = Path.of("/tmp/kafka-props-test");

    @Test
    void shouldPutEveryListenerOnLoopbackWhenBuilt() {
        // Given
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults();

        // When
        Properties p = KafkaBrokerProperties.build(config, 7, 40001, 40002, DIR);

        // Then
        for (String key : new String[] {"listeners", "advertised.listeners"}) {
            Arrays.stream(p.getProperty(key).split(","))
                    .map(listener -> URI.create(listener.replaceFirst("^[A-Z]+://", "tcp://")))
                    .forEach(uri -> assertThat(uri.getHost()).as(key).isEqualTo("127.0.0.1"));
        }
        assertThat(p.getProperty("listeners")).contains(":40001").contains(":40002");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("7@127.0.0.1:40002");
        assertThat(p.getProperty("node.id")).isEqualTo("7");
        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
    }

    @Test
    void shouldUseSingleReplicaAndNoRebalanceDelayWhenBuilt() {
        // When
        Properties p = KafkaBrokerProperties.build(EmbeddedKafkaConfig.defaults(), 1, 1, 2, DIR);

        // Then
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("share.coordinator.state.topic.replication.factor"))
                .isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(p.getProperty("log.dirs")).isEqualTo(DIR.toString());
    }

    @Test
    void shouldApplyOverridesLastWhenGiven() {
        // Given
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder()
                .autoCreateTopics(true)
                .defaultPartitions(4)
                .brokerProperty("log.segment.bytes", "2097152")
                .build();

        // When
        Properties p = KafkaBrokerProperties.build(config, 1, 1, 2, DIR);

        // Then
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(p.getProperty("num.partitions")).isEqualTo("4");
        assertThat(p.getProperty("log.segment.bytes")).isEqualTo("2097152");
    }
}
