package dev.vprompt.worker.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a {@link Worker} is in its life, and which moves are allowed:
 *
 * <pre>
 * NEW      -&gt; STARTING | STOPPED          (closed before it was started)
 * STARTING -&gt; RUNNING | FAILED | DRAINING (closed while starting, e.g. by a shutdown hook)
 * RUNNING  -&gt; DRAINING | FAILED
 * FAILED   -&gt; DRAINING                    (closing still releases what is open)
 * DRAINING -&gt; STOPPED
 * STOPPED  (final)
 * </pre>
 *
 * Thread-safe: an enum; {@link Worker} changes its state by compare-and-set.
 */
public enum WorkerState {
    /** Built, not started. */
    NEW,
    /** Loading the model and connecting; not consuming yet. */
    STARTING,
    /** Consuming and processing jobs. */
    RUNNING,
    /** Stopping: intake stopped, in-flight jobs finishing, then everything closed. */
    DRAINING,
    /** Closed. */
    STOPPED,
    /** Could not start, or can no longer work; it must be closed (and its process restarted). */
    FAILED;

    /** Whether a worker in this state may move to {@code next}. */
    public boolean canMoveTo(WorkerState next) {
        return successors().contains(next);
    }

    /** The states a worker in this state may move to. */
    public Set<WorkerState> successors() {
        return switch (this) {
            case NEW -> EnumSet.of(STARTING, STOPPED);
            case STARTING -> EnumSet.of(RUNNING, FAILED, DRAINING);
            case RUNNING -> EnumSet.of(DRAINING, FAILED);
            case FAILED -> EnumSet.of(DRAINING);
            case DRAINING -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(WorkerState.class);
        };
    }

    /** Whether the process should be considered alive (liveness): starting, running or draining. */
    public boolean isLive() {
        return this == STARTING || this == RUNNING || this == DRAINING;
    }
}
