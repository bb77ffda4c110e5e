package dev.vprompt.worker.internal.infer;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one device. A <em>device failure</em> is a batch in which every canvas failed alone and a
 * known-good canvas failed too (the device, not the inputs, is at fault). After {@code failuresToOpen} device failures
 * in a row the breaker opens: the device takes no batches. Once {@code openDelay} has passed, the inference thread
 * probes the device with the known-good canvas (half-open); a success closes the breaker, a failure keeps it open
 * for twice the previous delay, at most {@code maxOpenDelay}. Any batch in which the device ran a canvas closes it.
 *
 * <p>Not thread-safe: owned by the device's inference thread; {@link #isOpen()} may be read from any thread.
 */
final class DeviceBreaker {

    private final int failuresToOpen;
    private final long openDelayNanos;
    private final long maxOpenDelayNanos;
    private final LongSupplier nanoTime;
    private volatile boolean open;
    private int consecutiveFailures;
    private long delayNanos;
    private long probeAtNanos;

    DeviceBreaker(int failuresToOpen, Duration openDelay, Duration maxOpenDelay, LongSupplier nanoTime) {
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be >= 1, was " + failuresToOpen);
        }
        this.failuresToOpen = failuresToOpen;
        this.openDelayNanos = openDelay.toNanos();
        this.maxOpenDelayNanos = Math.max(openDelay.toNanos(), maxOpenDelay.toNanos());
        this.nanoTime = nanoTime;
    }

    /** The device ran something: close. */
    void success() {
        open = false;
        consecutiveFailures = 0;
        delayNanos = 0;
    }

    /**
     * A device failure (or a failed probe while open).
     *
     * @return whether the breaker is open now
     */
    boolean failure() {
        consecutiveFailures++;
        if (open) {
            delayNanos = Math.min(maxOpenDelayNanos, 2 * delayNanos);
        } else if (consecutiveFailures >= failuresToOpen) {
            open = true;
            delayNanos = openDelayNanos;
        } else {
            return false;
        }
        probeAtNanos = nanoTime.getAsLong() + delayNanos;
        return true;
    }

    boolean isOpen() {
        return open;
    }

    /** How long until the next probe is due (0 or less: now); meaningful while open. */
    long nanosUntilProbe() {
        return probeAtNanos - nanoTime.getAsLong();
    }

    /** Device failures in a row so far. */
    int consecutiveFailures() {
        return consecutiveFailures;
    }
}
