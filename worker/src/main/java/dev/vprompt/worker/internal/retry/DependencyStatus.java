package dev.vprompt.worker.internal.retry;

import dev.vprompt.worker.internal.job.Dependency;

/**
 * What a retry budget needs to know of the worker's dependencies: whether a probe currently judges one down. A failure
 * of a dependency that is down is the dependency's fault, not the job's, so it does not spend the job's budget.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface DependencyStatus {

    /** Every dependency up (no probes). */
    DependencyStatus ALL_UP = d -> false;

    boolean isDown(Dependency dependency);
}
