package dev.vprompt.worker.internal.infer;

import java.time.Duration;

/**
 * How an inference thread guards its device: batch memory and the circuit breaker.
 *
 * @param maxBatchSize the batcher's {@code batch.maxBatchSize}: the starting {@link BatchLimit}, and on a GPU the size
 *     that must fit in the device's memory at startup
 * @param successesBeforeRaise calls in a row at a lowered limit before it rises again
 * @param failuresToOpen device failures in a row that open the {@link DeviceBreaker}
 * @param openDelay how long an open breaker waits before its first probe
 * @param maxOpenDelay the longest wait between probes (the wait doubles after each failed probe)
 */
public record DeviceGuardSettings(
        int maxBatchSize, int successesBeforeRaise, int failuresToOpen, Duration openDelay, Duration maxOpenDelay) {

    public static final int DEFAULT_SUCCESSES_BEFORE_RAISE = 32;
    public static final int DEFAULT_FAILURES_TO_OPEN = 3;
    public static final Duration DEFAULT_OPEN_DELAY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_OPEN_DELAY = Duration.ofMinutes(1);

    public DeviceGuardSettings {
        if (maxBatchSize < 1 || successesBeforeRaise < 1 || failuresToOpen < 1) {
            throw new IllegalArgumentException("maxBatchSize, successesBeforeRaise and failuresToOpen must be >= 1");
        }
        if (openDelay.isNegative() || maxOpenDelay.compareTo(openDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= openDelay <= maxOpenDelay");
        }
    }

    /** The defaults for batches of at most {@code maxBatchSize}. */
    public static DeviceGuardSettings defaults(int maxBatchSize) {
        return new DeviceGuardSettings(
                maxBatchSize,
                DEFAULT_SUCCESSES_BEFORE_RAISE,
                DEFAULT_FAILURES_TO_OPEN,
                DEFAULT_OPEN_DELAY,
                DEFAULT_MAX_OPEN_DELAY);
    }
}
