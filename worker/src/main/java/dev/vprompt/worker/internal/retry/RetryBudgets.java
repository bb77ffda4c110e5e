package dev.vprompt.worker.internal.retry;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Makes the {@link JobRetryBudget}s of jobs, all with the same limits, dependency view and clocks. Immutable and
 * thread-safe (the budgets it makes are not: see {@link JobRetryBudget}).
 */
public final class RetryBudgets {

    private final JobRetryBudget.Limits limits;
    private final DependencyStatus dependencies;
    private final Clock clock;
    private final LongSupplier nanoTime;

    public RetryBudgets(JobRetryBudget.Limits limits, DependencyStatus dependencies, Clock clock) {
        this(limits, dependencies, clock, System::nanoTime);
    }

    RetryBudgets(JobRetryBudget.Limits limits, DependencyStatus dependencies, Clock clock, LongSupplier nanoTime) {
        this.limits = limits;
        this.dependencies = dependencies;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /**
     * The budget of a job that starts now.
     *
     * @param deadlineMillis the job's deadline (epoch millis), {@code Long.MAX_VALUE} for none
     * @param owned whether the job is still this worker's
     */
    public JobRetryBudget forJob(long deadlineMillis, BooleanSupplier owned) {
        return new JobRetryBudget(limits, deadlineMillis, owned, dependencies, clock, nanoTime);
    }

    /** The budget for publishing a job's failure: the same limits from now on, and no deadline (it may be past). */
    public JobRetryBudget forFailure(BooleanSupplier owned) {
        return forJob(Long.MAX_VALUE, owned);
    }
}
