package dev.vprompt.worker.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.infer.InferencePool.Health;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InferenceProbeTest {

    private final AtomicReference<Health> health = new AtomicReference<>(Health.SERVING);
    private final InferenceProbe probe = new InferenceProbe(health::get);

    @Test
    void shouldFailWhenNoDeviceTakesBatches() {
        // Given
        health.set(Health.UNAVAILABLE);
        // When
        Throwable error = probe.check().handle((v, e) -> e).join();
        // Then
        assertThat(error).hasMessageContaining("no inference device takes batches");
    }

    @Test
    void shouldSucceedWhenSomeDevicesStillTakeBatches() {
        // Given
        health.set(Health.DEGRADED);
        // When
        Throwable degraded = probe.check().handle((v, e) -> e).join();
        health.set(Health.SERVING);
        Throwable serving = probe.check().handle((v, e) -> e).join();
        // Then
        assertThat(degraded).isNull();
        assertThat(serving).isNull();
    }
}
