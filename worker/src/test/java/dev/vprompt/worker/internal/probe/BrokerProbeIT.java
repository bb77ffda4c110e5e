package dev.vprompt.worker.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.StackSetup;
import dev.vprompt.embedded.junit.WithStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The broker probe against the real broker. */
@WithStack
class BrokerProbeIT {

    @Test
    void shouldCallTheBrokerUpWhenItAnswersEvenForATopicNotCreatedYet(StackEndpoints stack) throws Exception {
        // Given
        String topic = "probed-" + UUID.randomUUID();
        StackSetup.createTopics(stack, 1, topic);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            // When
            Throwable existing = new BrokerProbe(admin, List.of(topic), Duration.ofSeconds(5))
                    .check()
                    .handle((v, e) -> e)
                    .get(30, TimeUnit.SECONDS);
            Throwable missing = new BrokerProbe(admin, List.of(topic, "not-created-" + topic), Duration.ofSeconds(5))
                    .check()
                    .handle((v, e) -> e)
                    .get(30, TimeUnit.SECONDS);
            // Then
            assertThat(existing).isNull();
            assertThat(missing).isNull();
        }
    }
}
