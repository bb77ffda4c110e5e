package dev.vprompt.cli.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link LoadGenerator} offers load.
 *
 * @param mode open loop at a fixed rate, or closed loop at a fixed concurrency
 * @param rate jobs per second offered ({@link Mode#RATE} only)
 * @param concurrency jobs kept in flight ({@link Mode#CONCURRENCY} only)
 * @param warmup load offered but not measured before the window
 * @param duration the measurement window
 * @param drainTimeout how long after the window to wait for completions of jobs submitted in it
 */
public record LoadSettings(
        Mode mode, double rate, int concurrency, Duration warmup, Duration duration, Duration drainTimeout) {

    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** Open or closed loop. */
    public enum Mode {
        /** Submit at a fixed rate whatever the pipeline does (shows queueing when the rate exceeds capacity). */
        RATE,
        /** Keep a fixed number of jobs in flight, submitting one as each completes. */
        CONCURRENCY
    }

    public LoadSettings {
        warmup = warmup == null ? DEFAULT_WARMUP : warmup;
        duration = duration == null ? DEFAULT_DURATION : duration;
        drainTimeout = drainTimeout == null ? DEFAULT_DRAIN_TIMEOUT : drainTimeout;
        List<String> problems = new ArrayList<>();
        if (mode == null) {
            problems.add("mode is required");
        } else if (mode == Mode.RATE && !(rate > 0 && rate <= 100_000)) {
            problems.add("rate must be within (0, 100000] jobs/s, was " + rate);
        } else if (mode == Mode.CONCURRENCY && (concurrency < 1 || concurrency > 100_000)) {
            problems.add("concurrency must be within 1..100000, was " + concurrency);
        }
        if (warmup.isNegative()) {
            problems.add("warmup must be >= 0");
        }
        if (duration.isNegative() || duration.isZero()) {
            problems.add("duration must be positive");
        }
        if (drainTimeout.isNegative()) {
            problems.add("drain timeout must be >= 0");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid load settings: " + String.join("; ", problems));
        }
    }

    public static LoadSettings rate(double jobsPerSecond, Duration warmup, Duration duration) {
        return new LoadSettings(Mode.RATE, jobsPerSecond, 0, warmup, duration, null);
    }

    public static LoadSettings concurrency(int inFlight, Duration warmup, Duration duration) {
        return new LoadSettings(Mode.CONCURRENCY, 0, inFlight, warmup, duration, null);
    }

    /** What was offered, for reports: {@code 50.0 jobs/s} or {@code 8 in flight}. */
    public String offered() {
        return mode == Mode.RATE ? rate + " jobs/s" : concurrency + " in flight";
    }
}
