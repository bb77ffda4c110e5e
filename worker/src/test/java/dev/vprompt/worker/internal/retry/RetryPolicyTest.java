package dev.vprompt.worker.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which failures are retried, how long the waits are, and when retrying stops. */
class RetryPolicyTest {

    /** Timers that fire when the test says so; the context is the test thread itself. */
    private final Deque<Runnable> timers = new ArrayDeque<>();

    private final List<Long> delays = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final RetryPolicy policy = new RetryPolicy(
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 0),
            Runnable::run,
            (delay, task) -> {
                delays.add(delay);
                timers.add(task);
            },
            new RetryListener() {
                @Override
                public void retrying(String stage, int failedAttempts, long delayMillis, JobFailure failure) {
                    events.add("retrying " + stage + " " + failedAttempts);
                }

                @Override
                public void settled(String stage, boolean succeeded) {
                    events.add("settled " + stage + " " + succeeded);
                }
            },
            nanos::get);

    private static CompletableFuture<String> down() {
        return CompletableFuture.failedFuture(JobFailure.transientFailure("store unavailable", null));
    }

    /** An operation that fails transiently {@code failures} times, then answers "done". */
    private static Supplier<CompletableFuture<String>> failing(int failures, AtomicInteger calls) {
        return () -> calls.incrementAndGet() <= failures ? down() : CompletableFuture.completedFuture("done");
    }

    private void fireTimers() {
        while (!timers.isEmpty()) {
            timers.poll().run();
        }
    }

    @Test
    void shouldRetryWithGrowingWaitsUntilTheOperationSucceedsWhenItsFailuresAreTransient() {
        // Given
        AtomicInteger calls = new AtomicInteger();
        // When
        CompletableFuture<String> result = policy.run("fetch", failing(3, calls));
        fireTimers();
        // Then
        assertThat(result).isCompletedWithValue("done");
        assertThat(calls).hasValue(4);
        assertThat(delays).containsExactly(100L, 200L, 400L);
        assertThat(events)
                .containsExactly("retrying fetch 1", "retrying fetch 2", "retrying fetch 3", "settled fetch true");
    }

    @Test
    void shouldFailAtOnceWithoutTellingTheListenerWhenTheFailureIsPermanent() {
        // Given
        JobFailure notFound = JobFailure.permanent(ErrorCode.OBJECT_NOT_FOUND, "s3://images/x.png: NoSuchKey");
        // When
        CompletableFuture<String> result = policy.run("fetch", () -> CompletableFuture.failedFuture(notFound));
        // Then
        assertThat(result).isCompletedExceptionally();
        assertThat(JobFailure.of(result.handle((v, e) -> e).join())).isSameAs(notFound);
        assertThat(delays).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void shouldSettleAsFailedWhenAPermanentFailureFollowsRetries() {
        // Given: a transient failure, then a permanent one
        AtomicInteger calls = new AtomicInteger();
        Supplier<CompletableFuture<String>> op = () -> calls.incrementAndGet() == 1
                ? down()
                : CompletableFuture.failedFuture(JobFailure.permanent(ErrorCode.IMAGE_CORRUPT, "not a PNG"));
        // When
        CompletableFuture<String> result = policy.run("fetch", op);
        fireTimers();
        // Then
        assertThat(JobFailure.of(result.handle((v, e) -> e).join()).code()).isEqualTo(ErrorCode.IMAGE_CORRUPT);
        assertThat(events).containsExactly("retrying fetch 1", "settled fetch false");
    }

    @Test
    void shouldTreatAnOperationThatThrowsAsAPermanentInternalFailureWhenItIsNotAJobFailure() {
        // When
        CompletableFuture<String> result = policy.run("batch", () -> {
            throw new IllegalStateException("bug");
        });
        // Then
        JobFailure f = JobFailure.of(result.handle((v, e) -> e).join());
        assertThat(f.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(f.retriable()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void shouldGiveUpWithTheTransientFailureAfterAFewAttemptsWhenTheWorkerIsStopping() {
        // Given
        AtomicInteger calls = new AtomicInteger();
        policy.stopRetrying();
        // When
        CompletableFuture<String> result = policy.run("publish", failing(Integer.MAX_VALUE, calls));
        fireTimers();
        // Then: left for redelivery, not failed as bad input
        assertThat(calls).hasValue(RetryPolicy.FAILURES_BEFORE_GIVING_UP_WHEN_STOPPING + 1);
        assertThat(JobFailure.of(result.handle((v, e) -> e).join()).retriable()).isTrue();
        assertThat(events).last().isEqualTo("settled publish false");
    }

    @Test
    void shouldStopRetryingWithTheBudgetsFailureWhenTheBudgetIsSpent() {
        // Given: a budget of two retries or one second, whichever comes first; each attempt takes 400 ms
        AtomicInteger calls = new AtomicInteger();
        List<Duration> seen = new ArrayList<>();
        JobFailure spent = JobFailure.permanent(ErrorCode.RETRIES_EXHAUSTED, "spent");
        RetryBudget budget = (failure, failed, elapsed, delay) -> {
            seen.add(elapsed);
            return failed <= 2 && elapsed.compareTo(Duration.ofSeconds(1)) < 0 ? Optional.empty() : Optional.of(spent);
        };
        Supplier<CompletableFuture<String>> slow = () -> {
            nanos.addAndGet(Duration.ofMillis(400).toNanos());
            return failing(Integer.MAX_VALUE, calls).get();
        };
        // When
        CompletableFuture<String> result = policy.run("fetch", budget, slow);
        fireTimers();
        // Then
        assertThat(calls).hasValue(3);
        assertThat(seen).containsExactly(Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1200));
        assertThat(JobFailure.of(result.handle((v, e) -> e).join())).isSameAs(spent);
        assertThat(events).containsExactly("retrying fetch 1", "retrying fetch 2", "settled fetch false");
    }

    @Test
    void shouldNotTellTheListenerWhenTheBudgetRefusesTheFirstRetry() {
        // When
        CompletableFuture<String> result = policy.run(
                "fetch",
                (failure, failed, elapsed, delay) -> Optional.of(JobFailure.redeliver("revoked")),
                RetryPolicyTest::down);
        // Then
        assertThat(result).isCompletedExceptionally();
        assertThat(events).isEmpty();
    }

    @Test
    void shouldGiveUpAtTheNextFailureWithTheTransientFailureWhenAbandoned() {
        // Given: an operation being retried
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> result = policy.run("fetch", failing(Integer.MAX_VALUE, calls));
        // When
        policy.abandon();
        fireTimers();
        // Then: one more attempt ran, then the operation ended as "not done, redeliver"
        assertThat(calls).hasValue(2);
        JobFailure f = JobFailure.of(result.handle((v, e) -> e).join());
        assertThat(f.retriable()).isTrue();
        assertThat(events).containsExactly("retrying fetch 1", "settled fetch false");
    }
}
