package dev.vprompt.embedded.junit;

import dev.vprompt.embedded.EmbeddedStartException;
import dev.vprompt.embedded.StackEndpoints;
import java.util.function.BooleanSupplier;

/**
 * Which kind of stack to start, and why (the reason is logged). Docker is probed only when containers are wanted and
 * possible, because the probe costs a few hundred milliseconds and logs its own failure.
 *
 * @param kind {@link StackEndpoints#KIND_EMBEDDED} or {@link StackEndpoints#KIND_TESTCONTAINERS}
 * @param reason a short human-readable reason
 */
record StackChoice(String kind, String reason) {

    static StackChoice choose(StackMode mode, boolean testcontainersOnClassPath, BooleanSupplier dockerAvailable) {
        if (mode == StackMode.EMBEDDED) {
            return new StackChoice(StackEndpoints.KIND_EMBEDDED, StackMode.PROPERTY + "=embedded");
        }
        if (!testcontainersOnClassPath) {
            return orFail(mode, "the Testcontainers modules are not on the class path");
        }
        if (!dockerAvailable.getAsBoolean()) {
            return orFail(mode, "no Docker engine is available");
        }
        return new StackChoice(StackEndpoints.KIND_TESTCONTAINERS, "Docker is available");
    }

    private static StackChoice orFail(StackMode mode, String why) {
        if (mode == StackMode.TESTCONTAINERS) {
            throw new EmbeddedStartException(StackMode.PROPERTY + "=testcontainers, but " + why);
        }
        return new StackChoice(StackEndpoints.KIND_EMBEDDED, why);
    }
}
