package dev.vprompt.worker.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When one job's retrying ends: attempts, time, deadline, revocation, and dependencies that are down. */
class JobRetryBudgetTest {

    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final JobFailure STORE_DOWN = JobFailure.transientFailure(Dependency.STORE, "S3 SlowDown", null);
    private static final JobFailure BATCHER_FULL = JobFailure.transientFailure("batcher full", null);

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final AtomicBoolean owned = new AtomicBoolean(true);
    private final Set<Dependency> down = EnumSet.noneOf(Dependency.class);
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final RetryBudgets budgets =
            new RetryBudgets(new JobRetryBudget.Limits(3, Duration.ofSeconds(60)), down::contains, clock, nanos::get);

    /** Asks the budget after a failure that came {@code afterMillis} after the previous one. */
    private Optional<JobFailure> failAfter(JobRetryBudget budget, JobFailure f, long afterMillis) {
        nanos.addAndGet(Duration.ofMillis(afterMillis).toNanos());
        millis.addAndGet(afterMillis);
        return budget.stop(f, 1, Duration.ZERO, 100);
    }

    @Test
    void shouldEndWithRetriesExhaustedAtTheAttemptLimitWhenTheDependencyLooksUp() {
        // Given
        JobRetryBudget budget = budgets.forJob(NO_DEADLINE, owned::get);
        // When
        Optional<JobFailure> first = failAfter(budget, STORE_DOWN, 10);
        Optional<JobFailure> second = failAfter(budget, BATCHER_FULL, 10);
        Optional<JobFailure> third = failAfter(budget, STORE_DOWN, 10);
        // Then
        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
        assertThat(third).get().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.RETRIES_EXHAUSTED);
            assertThat(f.retriable()).isFalse();
            assertThat(f.getMessage()).contains("S3 SlowDown");
        });
        assertThat(budget.attempts()).isEqualTo(3);
    }

    @Test
    void shouldEndWithRetriesExhaustedWhenTheTimeLimitIsSpentBeforeTheAttempts() {
        // Given
        JobRetryBudget budget = budgets.forJob(NO_DEADLINE, owned::get);
        // When: the first failure comes 61 s after the job started
        Optional<JobFailure> end = failAfter(budget, STORE_DOWN, 61_000);
        // Then
        assertThat(end).get().extracting(JobFailure::code).isEqualTo(ErrorCode.RETRIES_EXHAUSTED);
    }

    @Test
    void shouldSpendNothingWhileAProbeSaysTheDependencyIsDown() {
        // Given: the store is judged down
        JobRetryBudget budget = budgets.forJob(NO_DEADLINE, owned::get);
        down.add(Dependency.STORE);
        // When: many failures over ten minutes
        for (int i = 0; i < 100; i++) {
            assertThat(failAfter(budget, STORE_DOWN, 6_000)).isEmpty();
        }
        down.clear();
        // Then: once the store is back, the job still has its whole budget
        assertThat(failAfter(budget, STORE_DOWN, 10)).isEmpty();
        assertThat(failAfter(budget, STORE_DOWN, 10)).isEmpty();
        assertThat(failAfter(budget, STORE_DOWN, 10)).isPresent();
        assertThat(budget.attempts()).isEqualTo(103);
    }

    @Test
    void shouldCountAFailureThatWaitsOnNothingEvenWhileADependencyIsDown() {
        // Given
        JobRetryBudget budget = budgets.forJob(NO_DEADLINE, owned::get);
        down.add(Dependency.STORE);
        // When
        failAfter(budget, BATCHER_FULL, 10);
        failAfter(budget, BATCHER_FULL, 10);
        // Then
        assertThat(failAfter(budget, BATCHER_FULL, 10)).isPresent();
    }

    @Test
    void shouldEndWithDeadlineExceededWhenTheNextAttemptWouldStartAfterTheDeadlineEvenIfTheDependencyIsDown() {
        // Given: a deadline 1 s away, the store down (so the attempt limit is not what stops it)
        JobRetryBudget budget = budgets.forJob(millis.get() + 1_000, owned::get);
        down.add(Dependency.STORE);
        // When
        Optional<JobFailure> early = failAfter(budget, STORE_DOWN, 800);
        Optional<JobFailure> late = failAfter(budget, STORE_DOWN, 150);
        // Then: at 950 ms, a retry in 100 ms would pass the deadline
        assertThat(early).isEmpty();
        assertThat(late).get().extracting(JobFailure::code).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    }

    @Test
    void shouldEndForRedeliveryWithoutPublishingWhenThePartitionWasRevoked() {
        // Given
        JobRetryBudget budget = budgets.forJob(NO_DEADLINE, owned::get);
        // When
        owned.set(false);
        Optional<JobFailure> end = failAfter(budget, STORE_DOWN, 10);
        // Then: retriable, i.e. neither failed nor dead-lettered, left for the partition's new owner
        assertThat(end).get().satisfies(f -> assertThat(f.retriable()).isTrue());
    }

    @Test
    void shouldAllowTheWholeBudgetAgainWhenPublishingAFailurePastItsDeadline() {
        // Given: a job whose own budget and deadline are spent
        JobRetryBudget failure = budgets.forFailure(owned::get);
        // When / Then
        assertThat(failAfter(failure, STORE_DOWN, 10)).isEmpty();
        assertThat(failAfter(failure, STORE_DOWN, 10)).isEmpty();
        assertThat(failAfter(failure, STORE_DOWN, 10)).isPresent();
    }
}
