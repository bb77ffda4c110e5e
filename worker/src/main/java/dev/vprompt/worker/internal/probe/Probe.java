package dev.vprompt.worker.internal.probe;

import java.util.concurrent.CompletableFuture;

/**
 * One cheap check of a dependency. The future completes normally when the dependency works, and fails with the
 * reason when it does not; it must not block the caller (the monitor calls it on the event loop) and should finish
 * within the monitor's probe timeout (a later answer counts as a failure).
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface Probe {

    CompletableFuture<Void> check();
}
