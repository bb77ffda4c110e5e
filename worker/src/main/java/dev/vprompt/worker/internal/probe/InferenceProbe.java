package dev.vprompt.worker.internal.probe;

import dev.vprompt.worker.internal.infer.InferencePool;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Probes the inference devices by their pool's health: down while no device takes batches (every one suspended by
 * its circuit breaker after failing a known-good canvas, or gone). Some devices out is not an outage: jobs run on the
 * others. The pool's own breakers try the suspended devices again; this probe only reads the outcome.
 *
 * <p>Thread-safe: it only reads the pool's volatile state.
 */
public final class InferenceProbe implements Probe {

    private final Supplier<InferencePool.Health> health;

    /** @param health the pool's health, e.g. {@code pool::health} */
    public InferenceProbe(Supplier<InferencePool.Health> health) {
        this.health = health;
    }

    @Override
    public CompletableFuture<Void> check() {
        return health.get() == InferencePool.Health.UNAVAILABLE
                ? CompletableFuture.failedFuture(new IllegalStateException(
                        "no inference device takes batches (suspended by its breaker, or gone)"))
                : CompletableFuture.completedFuture(null);
    }
}
