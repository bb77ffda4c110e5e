package dev.vprompt.worker.internal.flow;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.fetch.ImageFetcher;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.ingest.DecodedJob;
import dev.vprompt.worker.internal.ingest.JobDecoder;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.RecordOutcomes;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.JobTimings;
import dev.vprompt.worker.internal.prompt.ExampleCells;
import dev.vprompt.worker.internal.prompt.PreparedPrompt;
import dev.vprompt.worker.internal.prompt.PromptAssembler;
import dev.vprompt.worker.internal.publish.OutcomePublisher;
import dev.vprompt.worker.internal.publish.RenderedResult;
import dev.vprompt.worker.internal.publish.ResultRenderer;
import dev.vprompt.worker.internal.retrieve.ExampleRetriever;
import dev.vprompt.worker.internal.retrieve.ResolvedJob;
import dev.vprompt.worker.internal.retry.RetryBudgets;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage chain: carries each admitted record through {@code decode → retrieve → fetch → prompt → batch → infer →
 * render → publish} and settles its record only once its results and completion event (or dead letter) are
 * acknowledged. Everything else has its own class: the {@link IntakeGate} decides what is admitted (back-pressure,
 * dependency holds, drain) and the {@link ByteBudget} holds it while the jobs in flight hold too many bytes, the
 * {@link RetryPolicy} retries transient failures within each job's budget ({@link RetryBudgets}), the
 * {@link OutcomePublisher} writes, {@link JobEnding} decides how a job leaves (published or left for redelivery), the
 * {@link RecordOutcomes} of the source tell the broker (commit offsets in a consumer group, acknowledge records in a
 * share group).
 *
 * <p>Threading: confined to {@code context}, an executor that runs one task at a time (the Vert.x event loop in a
 * worker); the gate delivers records there. Stage work runs elsewhere (S3 I/O threads, the CPU pool, the inference
 * threads) and each job's end comes back to the context. Nothing here blocks. {@link #start()} is called once, before
 * records flow; {@link #stopIntake()} and {@link #drained()} on the context; {@link #abandon()} on any thread.
 */
public final class JobFlow {

    private static final Logger LOGGER = LoggerFactory.getLogger(JobFlow.class);

    /** The stages a flow chains. */
    public record Stages(
            JobDecoder decoder,
            ExampleRetriever retriever,
            ImageFetcher fetcher,
            PromptAssembler assembler,
            DynamicBatcher<Canvas, Inferred> batcher,
            ResultRenderer renderer,
            OutcomePublisher publisher,
            WorkerMetrics metrics,
            Executor cpu) {}

    private final Executor context;
    private final Stages s;
    private final IntakeGate gate;
    private final ByteBudget budget;
    private final RetryPolicy retry;
    private final RetryBudgets budgets;
    private final RecordOutcomes outcomes;
    private final Clock clock;
    private final BatchStage batch;
    private final JobEnding ending;
    /** Read by every job's ownership check, on any thread. */
    private volatile boolean abandoned;

    /**
     * @param context where the flow's bookkeeping runs, one task at a time
     * @param modelId the model every canvas is batched for
     * @param budget the bound on the bytes jobs in flight hold (it holds {@code gate} when reached)
     * @param budgets makes each job's retry budget
     */
    public JobFlow(
            Executor context,
            Stages stages,
            String modelId,
            IntakeGate gate,
            ByteBudget budget,
            RetryPolicy retry,
            RetryBudgets budgets,
            RecordOutcomes outcomes,
            Clock clock) {
        this.context = context;
        this.s = stages;
        this.gate = gate;
        this.budget = budget;
        this.retry = retry;
        this.budgets = budgets;
        this.outcomes = outcomes;
        this.clock = clock;
        this.batch = new BatchStage(stages.batcher(), modelId, retry);
        this.ending = new JobEnding(context, stages.publisher(), budgets, gate, outcomes, stages.metrics());
    }

    /** Opens intake: from now on the source's records run through this flow. */
    public void start() {
        gate.open(new JobSink() {
            @Override
            public void onRecords(List<JobRecord> records) {
                records.forEach(JobFlow.this::begin);
            }

            @Override
            public void onPartitionsGone(Collection<TopicPartition> partitions) {
                LOGGER.info(
                        "partitions {} left this worker; their unfinished jobs will not be published here", partitions);
            }
        });
    }

    /** Stops taking new records (they stay uncommitted and will be redelivered); in-flight jobs go on. */
    public void stopIntake() {
        gate.close();
        retry.stopRetrying();
    }

    /**
     * Gives up every job still in flight (the drain timed out and the worker is closing): from now on nothing more is
     * published for them and their offsets stay uncommitted, so they are redelivered, never dead-lettered.
     */
    public void abandon() {
        abandoned = true;
        retry.abandon();
    }

    /** Completes when no job is in flight. */
    public CompletableFuture<Void> drained() {
        return gate.drained();
    }

    private void begin(JobRecord r) {
        JobTimings timings = new JobTimings(r.timestamp(), clock.millis());
        DecodedJob decoded = s.decoder().decode(r);
        if (decoded.job() != null) {
            timings.submittedAt(decoded.job().getSubmittedAt());
        }
        JobRun j = new JobRun(r, decoded.job(), timings, budgets, outcomes, () -> abandoned);
        if (!decoded.runnable()) {
            ending.fail(j, decoded.failure());
            return;
        }
        if (r.deliveryLimitReached()) {
            // One more failure and the broker would drop the record without a trace: dead-letter it instead.
            ending.fail(
                    j,
                    JobFailure.permanent(
                            ErrorCode.DELIVERY_LIMIT,
                            "delivered " + r.deliveryCount() + " times, the share group's limit; not run again"));
            return;
        }
        run(j);
    }

    private void run(JobRun j) {
        ByteBudget.Account bytes = budget.open();
        retry.run("retrieve", j.budget, () -> s.retriever().resolve(j.job))
                .thenCompose(resolved -> {
                    PromptJob job = resolved.job();
                    ExampleCells cached = s.assembler().cachedExamples(job);
                    return retry.run("fetch", j.budget, () -> s.fetcher().fetch(job, cached))
                            .thenComposeAsync(
                                    images -> {
                                        j.timings.fetched();
                                        bytes.holds(images.bytes());
                                        PreparedPrompt prompt = s.assembler().prepare(job, cached, images);
                                        j.timings.prepared();
                                        bytes.holds(prompt.bytes()); // the encoded images are not referenced any more
                                        return batch.infer(j, prompt)
                                                .thenComposeAsync(
                                                        inferred -> publish(j, resolved, prompt, inferred, bytes),
                                                        s.cpu());
                                    },
                                    s.cpu());
                })
                .whenComplete((v, error) -> {
                    bytes.release();
                    context.execute(() -> ending.ended(j, error));
                });
    }

    /** Runs on the CPU pool: post-process, then publish (asynchronous I/O). */
    private CompletableFuture<Void> publish(
            JobRun j, ResolvedJob resolved, PreparedPrompt prompt, List<Inferred> inferred, ByteBudget.Account bytes) {
        if (!j.owned.getAsBoolean()) {
            // The partition moved to another worker, which will run this job again: do not publish it twice.
            return CompletableFuture.failedFuture(JobFailure.redeliver("partition revoked before publishing"));
        }
        PromptJob job = resolved.job();
        RenderedResult result = s.renderer()
                .render(job, prompt, inferred.stream().map(Inferred::output).toList())
                .withExamples(resolved.used(), resolved.poolVersion());
        bytes.adds(result.bytes());
        return s.publisher().succeeded(j.publication(job), result, inferred.get(0));
    }
}
