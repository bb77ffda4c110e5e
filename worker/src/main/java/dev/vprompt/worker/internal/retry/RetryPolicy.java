package dev.vprompt.worker.internal.retry;

import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an asynchronous operation and retries its transient failures ({@link JobFailure.Kind#TRANSIENT}) with exponential
 * backoff and jitter; a permanent failure passes through at once. An operation is retried until it succeeds, its
 * {@link RetryBudget} says stop (the operation then fails with the budget's failure), or the worker is
 * {@linkplain #stopRetrying() stopping} and the operation has failed more than
 * {@link #FAILURES_BEFORE_GIVING_UP_WHEN_STOPPING} times, or {@linkplain #abandon() abandoning} (then it fails with
 * its last transient failure, so the caller can tell "not done, redeliver" from "bad input").
 *
 * <p>What is retriable is decided in one place, {@link FailureClassifier}; what happens around retries (counting
 * them, suspecting a dependency) is the {@link RetryListener}'s business.
 *
 * <p>Threading: {@link #run} may be called from any thread; the first attempt starts on the caller's thread. The
 * retry decision, the listener, the backoff timers and every later attempt run on {@code context} (the flow's event
 * loop), through {@code scheduler}. Operations must not block. {@link #stopRetrying()} and {@link #abandon()} may be
 * called from any thread.
 */
public final class RetryPolicy {

    private static final Logger LOGGER = LoggerFactory.getLogger(RetryPolicy.class);

    /** While stopping, an operation that has failed more than this many times is given up. */
    public static final int FAILURES_BEFORE_GIVING_UP_WHEN_STOPPING = 3;

    /** Runs a task on the policy's context after a delay. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(long delayMillis, Runnable task);
    }

    private final Backoff backoff;
    private final Executor context;
    private final Scheduler scheduler;
    private final RetryListener listener;
    private final LongSupplier nanoTime;
    private volatile boolean stopping;
    private volatile boolean abandoned;

    /**
     * @param context where retry decisions, listener calls and later attempts run
     * @param scheduler timers that fire on {@code context}
     */
    public RetryPolicy(Backoff backoff, Executor context, Scheduler scheduler, RetryListener listener) {
        this(backoff, context, scheduler, listener, System::nanoTime);
    }

    RetryPolicy(Backoff backoff, Executor context, Scheduler scheduler, RetryListener listener, LongSupplier nanoTime) {
        this.backoff = backoff;
        this.context = context;
        this.scheduler = scheduler;
        this.listener = listener;
        this.nanoTime = nanoTime;
    }

    /** Runs {@code operation} with an {@link RetryBudget#UNLIMITED} budget. */
    public <T> CompletableFuture<T> run(String stage, Supplier<CompletableFuture<T>> operation) {
        return run(stage, RetryBudget.UNLIMITED, operation);
    }

    /**
     * Runs {@code operation}, again after each transient failure while {@code budget} allows.
     *
     * @param stage what is retried, for metrics and logs ({@code fetch}, {@code batch}, {@code publish})
     * @return completes with the operation's value, or fails with a {@link JobFailure}: permanent as the operation
     *     failed, or transient when retrying was given up
     */
    public <T> CompletableFuture<T> run(String stage, RetryBudget budget, Supplier<CompletableFuture<T>> operation) {
        Attempts<T> attempts = new Attempts<>(stage, budget, operation);
        attempts.attempt();
        return attempts.result;
    }

    /** From now on, give up operations that have failed more than a few times (shutdown). */
    public void stopRetrying() {
        stopping = true;
    }

    /** From now on, give up every operation at its next failure (shutdown past the drain timeout). */
    public void abandon() {
        stopping = true;
        abandoned = true;
    }

    /** The attempts of one operation. */
    private final class Attempts<T> {
        final String stage;
        final RetryBudget budget;
        final Supplier<CompletableFuture<T>> operation;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final long startNanos = nanoTime.getAsLong();
        /** Written on the context before the next attempt starts, so every completion sees its current value. */
        int failed;

        Attempts(String stage, RetryBudget budget, Supplier<CompletableFuture<T>> operation) {
            this.stage = stage;
            this.budget = budget;
            this.operation = operation;
        }

        void attempt() {
            CompletableFuture<T> f;
            try {
                f = operation.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete(this::completed);
        }

        /** Runs wherever the attempt completed. */
        void completed(T value, Throwable error) {
            if (error == null) {
                if (failed > 0) {
                    context.execute(() -> listener.settled(stage, true));
                }
                result.complete(value);
                return;
            }
            JobFailure failure = JobFailure.of(error);
            if (failure.kind() != JobFailure.Kind.TRANSIENT) {
                if (failed > 0) {
                    context.execute(() -> listener.settled(stage, false));
                }
                result.completeExceptionally(failure);
                return;
            }
            context.execute(() -> retryOrGiveUp(failure));
        }

        /** Runs on the context. */
        void retryOrGiveUp(JobFailure failure) {
            failed++;
            long delay = backoff.delayMillis(failed);
            Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - startNanos);
            Optional<JobFailure> end = abandoned || (stopping && failed > FAILURES_BEFORE_GIVING_UP_WHEN_STOPPING)
                    ? Optional.of(failure)
                    : budget.stop(failure, failed, elapsed, delay);
            if (end.isPresent()) {
                if (failed > 1) {
                    listener.settled(stage, false);
                }
                result.completeExceptionally(end.get());
                return;
            }
            listener.retrying(stage, failed, delay, failure);
            LOGGER.debug("transient failure in {} (attempt {}), retrying in {} ms", stage, failed, delay, failure);
            scheduler.schedule(delay, this::attempt);
        }
    }
}
