package dev.vprompt.cli.chaos;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling until a condition holds, for the harness's scenario thread. Stateless and thread-safe. */
final class Waits {

    static final Duration POLL = Duration.ofMillis(200);

    private Waits() {}

    /** Polls every {@link #POLL}; false when {@code timeout} passed first. */
    static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
