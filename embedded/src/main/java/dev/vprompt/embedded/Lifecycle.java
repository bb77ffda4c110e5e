package dev.vprompt.embedded;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The life of a server owned by this package: {@code RUNNING -> CLOSING -> CLOSED}, changed by compare-and-set so that
 * exactly one caller performs the shutdown however many threads (or shutdown hooks) call {@code close()}.
 *
 * <p>Thread-safe.
 */
final class Lifecycle {

    enum State {
        RUNNING,
        CLOSING,
        CLOSED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);

    /** True for exactly one caller: the one that must now shut the server down and then call {@link #closed()}. */
    boolean beginClose() {
        return state.compareAndSet(State.RUNNING, State.CLOSING);
    }

    void closed() {
        state.set(State.CLOSED);
    }

    State state() {
        return state.get();
    }

    /** Throws when the server is no longer running. */
    void requireRunning(String what) {
        if (state.get() != State.RUNNING) {
            throw new IllegalStateException(what + " is " + state.get().name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
