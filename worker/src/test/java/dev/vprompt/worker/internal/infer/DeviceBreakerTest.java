package dev.vprompt.worker.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeviceBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final DeviceBreaker breaker = new DeviceBreaker(3, Duration.ofSeconds(5), Duration.ofSeconds(12), now::get);

    @Test
    void shouldOpenWhenTheThresholdOfFailuresInARowIsReached() {
        // When
        boolean first = breaker.failure();
        boolean second = breaker.failure();
        boolean third = breaker.failure();

        // Then
        assertThat(first).isFalse();
        assertThat(second).isFalse();
        assertThat(third).isTrue();
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.nanosUntilProbe()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void shouldCountOnlyFailuresInARowWhenASuccessComesBetween() {
        // Given
        breaker.failure();
        breaker.failure();

        // When
        breaker.success();
        breaker.failure();
        breaker.failure();

        // Then
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void shouldWaitTwiceAsLongUpToTheMaximumWhenProbesFail() {
        // Given: open
        breaker.failure();
        breaker.failure();
        breaker.failure();

        // When: the probes are due and fail
        now.addAndGet(breaker.nanosUntilProbe());
        breaker.failure();
        long second = breaker.nanosUntilProbe();
        now.addAndGet(second);
        breaker.failure();
        long third = breaker.nanosUntilProbe();

        // Then
        assertThat(second).isEqualTo(TimeUnit.SECONDS.toNanos(10));
        assertThat(third).isEqualTo(TimeUnit.SECONDS.toNanos(12));
        assertThat(breaker.isOpen()).isTrue();
    }

    @Test
    void shouldCloseAndStartOverWhenAProbeSucceeds() {
        // Given: open
        breaker.failure();
        breaker.failure();
        breaker.failure();

        // When
        breaker.success();
        boolean afterOne = breaker.failure();

        // Then
        assertThat(breaker.isOpen()).isFalse();
        assertThat(afterOne).isFalse();
    }
}
