package dev.vprompt.worker.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class BrokerProbeTest {

    @Test
    void shouldFailWithinItsTimeoutWhenNoBrokerAnswers() throws Exception {
        // Given: an admin client for an address where nothing listens
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000"))) {
            BrokerProbe probe = new BrokerProbe(admin, List.of("jobs"), Duration.ofMillis(500));
            // When
            Throwable error = probe.check().handle((v, e) -> e).get(30, TimeUnit.SECONDS);
            // Then
            assertThat(error).isNotNull();
        }
    }
}
