package dev.vprompt.cli.bench;

import java.util.Arrays;

/**
 * Wall-clock durations of repeated calls and what a benchmark reports about them. Immutable.
 *
 * @param nanos one duration per timed call, in call order
 */
record Timings(long[] nanos) {

    Timings {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timed calls");
        }
        nanos = nanos.clone();
    }

    double totalSeconds() {
        return Arrays.stream(nanos).sum() / 1e9;
    }

    double meanMillis() {
        return Arrays.stream(nanos).average().orElseThrow() / 1e6;
    }

    double minMillis() {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }

    double maxMillis() {
        return Arrays.stream(nanos).max().orElseThrow() / 1e6;
    }

    /** Items per second when each call handled {@code itemsPerCall} items. */
    double throughput(int itemsPerCall) {
        return itemsPerCall * nanos.length / totalSeconds();
    }
}
