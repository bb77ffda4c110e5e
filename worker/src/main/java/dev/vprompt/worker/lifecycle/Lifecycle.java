package dev.vprompt.worker.lifecycle;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link WorkerState} that changes only along the allowed moves, by compare-and-set, so concurrent callers (the
 * thread that starts the worker, a shutdown hook, the health endpoint) agree on one state.
 *
 * <p>Thread-safe.
 */
final class Lifecycle {

    private final AtomicReference<WorkerState> state = new AtomicReference<>(WorkerState.NEW);

    WorkerState state() {
        return state.get();
    }

    /**
     * Moves from exactly {@code expected} to {@code next}.
     *
     * @return whether this call made the move (false when the state is not {@code expected})
     * @throws IllegalArgumentException when the table does not allow the move at all
     */
    boolean moveTo(WorkerState expected, WorkerState next) {
        if (!expected.canMoveTo(next)) {
            throw new IllegalArgumentException(expected + " -> " + next + " is not an allowed move");
        }
        return state.compareAndSet(expected, next);
    }

    /**
     * Moves to {@code next} if the current state allows it.
     *
     * @return whether this call made the move (false when the current state does not allow it)
     */
    boolean moveTo(WorkerState next) {
        while (true) {
            WorkerState current = state.get();
            if (!current.canMoveTo(next)) {
                return false;
            }
            if (state.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
