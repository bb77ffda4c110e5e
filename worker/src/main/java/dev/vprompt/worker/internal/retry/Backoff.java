package dev.vprompt.worker.internal.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for transient failures: {@code initial * 2^(attempt-1)}, capped, then scaled by a
 * random factor in [1 - jitter, 1 + jitter]. Immutable and thread-safe.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public static final double DEFAULT_JITTER = 0.2;

    /** Delay before retry number {@code attempt} (1-based). */
    public long delayMillis(int attempt) {
        double base = initial.toMillis() * Math.pow(2, Math.min(30, Math.max(0, attempt - 1)));
        double capped = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(1, Math.round(capped * factor));
    }
}
