package dev.vprompt.worker.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleTheWaitUpToTheCapWhenJitterIsOff() {
        // Given
        Backoff b = new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 0);
        // When / Then
        assertThat(b.delayMillis(1)).isEqualTo(50);
        assertThat(b.delayMillis(2)).isEqualTo(100);
        assertThat(b.delayMillis(3)).isEqualTo(200);
        assertThat(b.delayMillis(4)).isEqualTo(300);
        assertThat(b.delayMillis(1_000)).isEqualTo(300);
    }

    @Test
    void shouldStayWithinTheJitterBandWhenJitterIsOn() {
        // Given
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(1000), Backoff.DEFAULT_JITTER);
        // When / Then
        for (int i = 0; i < 200; i++) {
            assertThat(b.delayMillis(1)).isBetween(800L, 1200L);
        }
    }
}
