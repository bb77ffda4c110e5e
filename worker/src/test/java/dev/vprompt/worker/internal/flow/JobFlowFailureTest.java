package dev.vprompt.worker.internal.flow;

import static dev.vprompt.worker.internal.flow.FlowFixture.COMPLETIONS;
import static dev.vprompt.worker.internal.flow.FlowFixture.DEAD_LETTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.TestJobs;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.job.Dependency;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How jobs end when something goes wrong: retry budgets, revocation, shutdown, records too large to copy whole. */
class JobFlowFailureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private FlowFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new FlowFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private JobRecord deliver(String query) {
        PromptJob job = TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 1, "ex-", query);
        return f.deliver(job.getJobId(), EventCodecs.promptJob().encode(job));
    }

    private PromptCompleted completion() throws Exception {
        return EventCodecs.promptCompleted()
                .decode(f.producer.to(COMPLETIONS).get(0).value());
    }

    private DeadLetter deadLetter() throws Exception {
        return EventCodecs.deadLetter()
                .decode(f.producer.to(DEAD_LETTERS).get(0).value());
    }

    @Test
    void shouldFailWithRetriesExhaustedAndDeadLetterTheAttemptsWhenOneJobsReadsKeepFailingWhileTheStoreLooksUp()
            throws Exception {
        // Given: every read fails transiently, but no probe says the store is down
        f.store.transientReadFailures.set(Integer.MAX_VALUE);
        // When
        JobRecord r = deliver("q.png");
        // Then
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        assertThat(completion().getError().getCode()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(deadLetter().getAttempts()).isEqualTo(FlowFixture.RETRY_MAX_ATTEMPTS);
        assertThat(deadLetter().getTruncated()).isFalse();
    }

    @Test
    void shouldWaitWithoutSpendingTheBudgetWhileAProbeSaysTheStoreIsDownAndSucceedOnceItIsBack() throws Exception {
        // Given: the store is judged down and fails many more reads than the budget allows
        f.dependencies.add(Dependency.STORE);
        f.store.transientReadFailures.set(3 * FlowFixture.RETRY_MAX_ATTEMPTS);
        // When
        JobRecord r = deliver("q.png");
        await().atMost(PATIENCE).until(() -> f.store.transientReadFailures.get() == 0);
        f.dependencies.clear();
        // Then
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        assertThat(completion().getStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.producer.to(DEAD_LETTERS)).isEmpty();
    }

    @Test
    void shouldStopRetryingAndPublishNothingWhenThePartitionIsRevokedDuringRetries() throws Exception {
        // Given: the store is down (so the budget does not end it) and the job is retrying
        f.dependencies.add(Dependency.STORE);
        f.store.transientReadFailures.set(Integer.MAX_VALUE);
        deliver("q.png");
        await().atMost(PATIENCE).until(() -> f.store.reads.getOrDefault("q.png", 0) > 2);
        // When
        f.tracker.forget(List.of(FlowFixture.PARTITION));
        // Then
        await().atMost(PATIENCE).until(() -> f.inFlight() == 0);
        assertThat(f.producer.sent).isEmpty();
    }

    @Test
    void shouldPublishNoCompletionWhenThePartitionIsRevokedWhileResultsAreWritten() throws Exception {
        // Given: result writes wait until the test lets them go
        CompletableFuture<Void> letGo = new CompletableFuture<>();
        f.store.writesHeldUntil = letGo;
        deliver("q.png");
        await().atMost(PATIENCE).until(() -> f.store.writesAsked.get() > 0);
        // When: the partition moves to another worker, then the writes complete
        f.tracker.forget(List.of(FlowFixture.PARTITION));
        letGo.complete(null);
        // Then: the new owner publishes it; this worker must not
        await().atMost(PATIENCE).until(() -> f.inFlight() == 0);
        assertThat(f.producer.sent).isEmpty();
    }

    @Test
    void shouldLeaveTheJobUncommittedWithoutDeadLetterWhenTheBatcherClosesUnderItAtShutdown() throws Exception {
        // Given: a job still reading its images while the worker stops
        CompletableFuture<Void> letGo = new CompletableFuture<>();
        f.store.readsHeldUntil = letGo;
        JobRecord r = deliver("q.png");
        await().atMost(PATIENCE).until(() -> f.inFlight() == 1);
        // When: intake stops, the batcher closes, then the reads complete
        f.onLoop(() -> {
            f.flow.stopIntake();
            return null;
        });
        f.closeBatcher();
        letGo.complete(null);
        // Then
        await().atMost(PATIENCE).until(() -> f.inFlight() == 0);
        assertThat(f.producer.sent).as("neither failed nor dead-lettered").isEmpty();
        assertThat(f.committable()).isEqualTo(r.offset());
    }

    @Test
    void shouldPublishNothingMoreAndLeaveTheOffsetWhenTheFlowIsAbandonedPastTheDrainTimeout() throws Exception {
        // Given: a job writing its results
        CompletableFuture<Void> letGo = new CompletableFuture<>();
        f.store.writesHeldUntil = letGo;
        JobRecord r = deliver("q.png");
        await().atMost(PATIENCE).until(() -> f.store.writesAsked.get() > 0);
        // When
        f.onLoop(() -> {
            f.flow.stopIntake();
            return null;
        });
        f.flow.abandon();
        letGo.complete(null);
        // Then
        await().atMost(PATIENCE).until(() -> f.inFlight() == 0);
        assertThat(f.producer.sent).isEmpty();
        assertThat(f.committable()).isEqualTo(r.offset());
    }

    @Test
    void shouldDeadLetterACutCopyWhenTheGarbageRecordIsTooLargeToCopyWhole() throws Exception {
        // Given: a record value larger than the dead-letter topic accepts
        byte[] garbage = new byte[FlowFixture.MAX_RECORD_BYTES + 1000];
        Arrays.fill(garbage, (byte) 'g');
        // When
        JobRecord r = f.deliver("big-garbage", garbage);
        // Then
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        assertThat(completion().getError().getCode()).isEqualTo("MALFORMED_EVENT");
        DeadLetter d = deadLetter();
        assertThat(d.getTruncated()).isTrue();
        assertThat(d.getOriginalValueBytes()).isEqualTo(garbage.length);
        byte[] kept = new byte[d.getOriginalValue().remaining()];
        d.getOriginalValue().get(kept);
        assertThat(kept.length).isPositive().isLessThan(garbage.length);
        assertThat(kept).isEqualTo(Arrays.copyOf(garbage, kept.length));
        assertThat(f.producer.to(DEAD_LETTERS).get(0).value().length).isLessThan(FlowFixture.MAX_RECORD_BYTES);
    }
}
