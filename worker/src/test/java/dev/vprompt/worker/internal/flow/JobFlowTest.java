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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stage chain with real stages around in-memory fakes of the store, the producer and the source. */
class JobFlowTest {

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

    private static PromptJob job(String query) {
        return TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 1, "ex-", query);
    }

    private JobRecord deliver(PromptJob job) {
        return f.deliver(job.getJobId(), EventCodecs.promptJob().encode(job));
    }

    private static PromptCompleted completion(FlowFixture.Sent s) throws Exception {
        return EventCodecs.promptCompleted().decode(s.value());
    }

    @Test
    void shouldPublishResultsThenCompletionAndCompleteTheOffsetWhenAJobSucceeds() throws Exception {
        // When
        JobRecord r = deliver(job("q.png"));
        // Then
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        assertThat(f.store.written)
                .containsOnlyKeys("results/p/job-q.png/prediction.png", "results/p/job-q.png/mask.png");
        List<FlowFixture.Sent> events = f.producer.to(COMPLETIONS);
        assertThat(events).hasSize(1);
        PromptCompleted c = completion(events.get(0));
        assertThat(c.getStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(c.getOutputs()).extracting(o -> o.getRef().getKey()).contains("p/job-q.png/mask.png");
        assertThat(f.producer.to(DEAD_LETTERS)).isEmpty();
        assertThat(f.inFlight()).isZero();
        assertThat(f.metrics.scrape()).contains("vp_jobs_total{code=\"none\",status=\"SUCCEEDED\"} 1.0");
    }

    @Test
    void shouldReadOnlyTheImagesThePromptUsesWhenAJobCarriesMoreThanItShows() throws Exception {
        // Given: a 2x2 IMAGE job (its answer is not scored) with a ground truth; only its pair and the query exist in
        // the store
        PromptJob job = PromptJob.newBuilder(TestJobs.job(Task.IMAGE, PromptLayout.AUTO, 1, "ex-", "q.png"))
                .setGroundTruth(TestJobs.ref("truth.png"))
                .build();
        // When
        JobRecord r = deliver(job);
        // Then: it succeeds without reading the ground truth
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        assertThat(completion(f.producer.to(COMPLETIONS).get(0)).getStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.store.reads).containsOnlyKeys("ex-in0", "ex-out0", "q.png");
    }

    @Test
    void shouldHoldIntakeWhileAJobHoldsMoreBytesThanTheBudgetAndResumeWhenItIsPublished() throws Exception {
        // Given: a budget smaller than one job's canvas, and a completion that is not acknowledged yet
        f.close();
        f = new FlowFixture(64 * 1024);
        CompletableFuture<Void> ack = new CompletableFuture<>();
        f.producer.sendsHeldUntil = ack;
        // When: the job's results are written and it waits for its completion to be acknowledged
        JobRecord r = deliver(job("q.png"));
        await().atMost(PATIENCE).until(() -> f.store.written.size() == 2);
        // Then: one job in flight (of 16 allowed), yet intake is paused: it holds its canvas and results
        await().atMost(PATIENCE).until(() -> f.onLoop(f.gate::isPaused));
        assertThat(f.budget.bytes()).isGreaterThan(64 * 1024);
        assertThat(f.inFlight()).isEqualTo(1);
        // When: the completion is acknowledged
        ack.complete(null);
        // Then: the job left, its bytes with it, and intake resumed
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        await().atMost(PATIENCE).until(() -> !f.onLoop(f.gate::isPaused));
        assertThat(f.budget.bytes()).isZero();
    }

    @Test
    void shouldSendAFailedCompletionAndADeadLetterAndCompleteTheOffsetWhenTheRecordIsGarbage() throws Exception {
        // When
        JobRecord r = f.deliver("garbage-key", "garbage bytes".getBytes(StandardCharsets.UTF_8));
        // Then
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        PromptCompleted c = completion(f.producer.to(COMPLETIONS).get(0));
        assertThat(c.getJobId()).isEqualTo("garbage-key");
        assertThat(c.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(c.getError().getCode()).isEqualTo("MALFORMED_EVENT");
        DeadLetter d = EventCodecs.deadLetter()
                .decode(f.producer.to(DEAD_LETTERS).get(0).value());
        assertThat(StandardCharsets.UTF_8.decode(d.getOriginalValue()).toString())
                .isEqualTo("garbage bytes");
        assertThat(d.getOffset()).isEqualTo(r.offset());
        assertThat(f.store.written).isEmpty();
    }

    @Test
    void shouldFailTheJobWithItsCodeWhenAnImageIsMissing() throws Exception {
        // When
        JobRecord r = deliver(job("missing.png"));
        // Then
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        assertThat(completion(f.producer.to(COMPLETIONS).get(0)).getError().getCode())
                .isEqualTo("OBJECT_NOT_FOUND");
        assertThat(f.producer.to(DEAD_LETTERS)).hasSize(1);
    }

    @Test
    void shouldRetryWithoutHoldingIntakeAndSucceedWithoutDeadLetterWhenOneJobsReadsFailForAWhile() throws Exception {
        // Given: the next five reads fail as if S3 were down
        f.store.transientReadFailures.set(5);
        // When
        JobRecord r = deliver(job("q.png"));
        // Then
        await().atMost(PATIENCE).until(() -> f.committable() == r.offset() + 1);
        assertThat(completion(f.producer.to(COMPLETIONS).get(0)).getStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.producer.to(DEAD_LETTERS)).isEmpty();
        assertThat(f.source.pauses.get())
                .as("one job's failures do not pause the other partitions; only a probe does")
                .isZero();
        assertThat(f.suspected).as("the store's probe is told").containsExactly(Dependency.STORE);
        assertThat(f.metrics.scrape()).contains("vp_retries_total{stage=\"fetch\"}");
    }

    @Test
    void shouldLeaveTheOffsetUncommittedWhenTheDeadLetterCannotBePublished() throws Exception {
        // Given
        f.producer.failingTopic = DEAD_LETTERS;
        // When
        JobRecord r = f.deliver("garbage-key", "garbage bytes".getBytes(StandardCharsets.UTF_8));
        // Then: the job left the flow, but its record will be redelivered
        await().atMost(PATIENCE)
                .until(() -> f.inFlight() == 0 && f.producer.to(COMPLETIONS).size() == 1);
        assertThat(f.committable()).isEqualTo(r.offset());
    }

    @Test
    void shouldPublishNothingWhenThePartitionIsRevokedWhileTheJobRuns() throws Exception {
        // Given: reads wait until the test lets them go
        CompletableFuture<Void> letGo = new CompletableFuture<>();
        f.store.readsHeldUntil = letGo;
        deliver(job("q.png"));
        await().atMost(PATIENCE).until(() -> f.inFlight() == 1);
        // When: the partition moves to another worker, then the job goes on
        f.tracker.forget(List.of(FlowFixture.PARTITION));
        letGo.complete(null);
        // Then
        await().atMost(PATIENCE).until(() -> f.inFlight() == 0);
        assertThat(f.store.written).isEmpty();
        assertThat(f.producer.sent).isEmpty();
    }

    @Test
    void shouldLeaveTheJobForRedeliveryAndDrainWhenRetryingIsGivenUpAtShutdown() throws Exception {
        // Given: the store is down for good (as a probe says, so the job's budget is not spent), a job is retrying
        f.dependencies.add(Dependency.STORE);
        f.store.transientReadFailures.set(Integer.MAX_VALUE);
        JobRecord r = deliver(job("q.png"));
        await().atMost(PATIENCE).until(() -> f.metrics.scrape().contains("vp_retries_total{stage=\"fetch\"}"));
        // When
        CompletableFuture<Void> drained = f.onLoop(() -> {
            f.flow.stopIntake();
            return f.flow.drained();
        });
        // Then
        drained.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(f.producer.sent).as("neither failed nor dead-lettered").isEmpty();
        assertThat(f.committable()).isEqualTo(r.offset());
    }
}
