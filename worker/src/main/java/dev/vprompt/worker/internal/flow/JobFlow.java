package dev.vprompt.worker.internal.flow;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.BatcherFullException;
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
 * drain) and the {@link ByteBudget} holds it while the jobs in flight hold too many bytes, the {@link RetryPolicy}
 * retries transient failures, the {@link OutcomePublisher} writes, the {@link RecordOutcomes} of the source tell the
 * broker (commit offsets in a consumer group, acknowledge records in a share group).
 *
 * <p>Threading: confined to {@code context}, an executor that runs one task at a time (the Vert.x event loop in a
 * worker); the gate delivers records there. Stage work runs elsewhere (S3 I/O threads, the CPU pool, the inference
 * threads) and each job's end comes back to the context. Nothing here blocks. {@link #start()} is called once, before
 * records flow; {@link #stopIntake()} and {@link #drained()} on the context.
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
    private final String modelId;
    private final IntakeGate gate;
    private final ByteBudget budget;
    private final RetryPolicy retry;
    private final RecordOutcomes outcomes;
    private final Clock clock;

    /**
     * @param context where the flow's bookkeeping runs, one task at a time
     * @param modelId the model every canvas is batched for
     * @param budget the bound on the bytes jobs in flight hold (it holds {@code gate} when reached)
     */
    public JobFlow(
            Executor context,
            Stages stages,
            String modelId,
            IntakeGate gate,
            ByteBudget budget,
            RetryPolicy retry,
            RecordOutcomes outcomes,
            Clock clock) {
        this.context = context;
        this.s = stages;
        this.modelId = modelId;
        this.gate = gate;
        this.budget = budget;
        this.retry = retry;
        this.outcomes = outcomes;
        this.clock = clock;
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
        if (!decoded.runnable()) {
            fail(r, decoded.job(), timings, decoded.failure());
            return;
        }
        if (r.deliveryLimitReached()) {
            // One more failure and the broker would drop the record without a trace: dead-letter it instead.
            fail(
                    r,
                    decoded.job(),
                    timings,
                    JobFailure.permanent(
                            ErrorCode.DELIVERY_LIMIT,
                            "delivered " + r.deliveryCount() + " times, the share group's limit; not run again"));
            return;
        }
        run(r, decoded.job(), timings);
    }

    private void run(JobRecord r, PromptJob submitted, JobTimings t) {
        ByteBudget.Account bytes = budget.open();
        retry.run("retrieve", () -> s.retriever().resolve(submitted))
                .thenCompose(resolved -> {
                    PromptJob job = resolved.job();
                    ExampleCells cached = s.assembler().cachedExamples(job);
                    return retry.run("fetch", () -> s.fetcher().fetch(job, cached))
                            .thenComposeAsync(
                                    images -> {
                                        t.fetched();
                                        bytes.holds(images.bytes());
                                        PreparedPrompt prompt = s.assembler().prepare(job, cached, images);
                                        t.prepared();
                                        bytes.holds(prompt.bytes()); // the encoded images are not referenced any more
                                        return infer(job, prompt, t)
                                                .thenComposeAsync(
                                                        inferred -> publish(r, resolved, prompt, inferred, t, bytes),
                                                        s.cpu());
                                    },
                                    s.cpu());
                })
                .whenComplete((v, error) -> {
                    bytes.release();
                    context.execute(() -> ended(r, submitted, t, error));
                });
    }

    /**
     * Submits the job's canvases to the batcher as one unit (never split across batches); a full batcher is a
     * transient failure (retried).
     */
    private CompletableFuture<List<Inferred>> infer(PromptJob job, PreparedPrompt prompt, JobTimings t) {
        long deadline =
                job.getDeadline() == null ? Long.MAX_VALUE : job.getDeadline().toEpochMilli();
        BatchKey key = new BatchKey(modelId, prompt.canvases().get(0).mask().keptCount());
        return retry.run("batch", () -> {
            CompletableFuture<List<Inferred>> unit;
            try {
                unit = s.batcher().submitUnit(key, job.getJobId(), prompt.canvases(), job.getPriority(), deadline);
            } catch (BatcherFullException e) {
                return CompletableFuture.failedFuture(JobFailure.transientFailure(e.getMessage(), e));
            }
            return unit.thenApply(out -> {
                t.batchClosed(out.get(0).closedNanos());
                t.inferDone();
                return out;
            });
        });
    }

    /** Runs on the CPU pool: post-process, then publish (asynchronous I/O). */
    private CompletableFuture<Void> publish(
            JobRecord r,
            ResolvedJob resolved,
            PreparedPrompt prompt,
            List<Inferred> inferred,
            JobTimings t,
            ByteBudget.Account bytes) {
        if (!outcomes.mayPublish(r)) {
            // The partition moved to another worker, which will run this job again: do not publish it twice.
            return CompletableFuture.failedFuture(new Revoked());
        }
        PromptJob job = resolved.job();
        RenderedResult result = s.renderer()
                .render(job, prompt, inferred.stream().map(Inferred::output).toList())
                .withExamples(resolved.used(), resolved.poolVersion());
        bytes.adds(result.bytes());
        return s.publisher().succeeded(r, job, result, inferred.get(0), t);
    }

    private void ended(JobRecord r, PromptJob job, JobTimings t, Throwable error) {
        if (error == null) {
            finished(r, "SUCCEEDED", "none", t);
        } else if (JobFailure.unwrap(error) instanceof Revoked) {
            LOGGER.info("job {} at {} not published: its partition was revoked", job.getJobId(), r);
            outcomes.abandoned(r);
            gate.release();
        } else {
            JobFailure f = JobFailure.of(error);
            if (f.code() == ErrorCode.INTERNAL && !f.retriable()) {
                LOGGER.error("job {} failed unexpectedly", job.getJobId(), f.getCause());
            }
            fail(r, job, t, f);
        }
    }

    /** A permanent failure: FAILED completion + dead letter, both acknowledged, then the offset is complete. */
    private void fail(JobRecord r, PromptJob job, JobTimings t, JobFailure f) {
        if (f.retriable()) {
            // Retrying was given up (shutdown): leave the record uncommitted so it is redelivered.
            LOGGER.info("job at {} abandoned during shutdown; it will be redelivered", r);
            outcomes.abandoned(r);
            gate.release();
            return;
        }
        s.publisher()
                .failed(r, job, f, t)
                .whenComplete((v, e) -> context.execute(() -> {
                    if (e != null) {
                        outcomes.abandoned(r);
                        gate.release();
                    } else {
                        finished(r, "FAILED", f.code().name(), t);
                    }
                }));
    }

    private void finished(JobRecord r, String status, String code, JobTimings t) {
        boolean settled = "SUCCEEDED".equals(status) ? outcomes.succeeded(r) : outcomes.deadLettered(r);
        if (!settled) {
            LOGGER.info("job at {} finished after its partition was revoked; not committed here", r);
        }
        s.metrics().jobFinished(status, code);
        s.metrics().recordStages(t.toEvent());
        gate.release();
    }

    /** Marks a job whose partition was revoked before it could be published. */
    private static final class Revoked extends RuntimeException {
        Revoked() {
            super("partition revoked", null, false, false);
        }
    }
}
