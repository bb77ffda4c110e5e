package dev.vprompt.worker.internal.flow;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.BatcherFullException;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.fetch.ImageFetcher;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.ingest.DecodedJob;
import dev.vprompt.worker.internal.ingest.JobDecoder;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.OffsetTracker;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.JobTimings;
import dev.vprompt.worker.internal.prompt.PreparedPrompt;
import dev.vprompt.worker.internal.prompt.PromptAssembler;
import dev.vprompt.worker.internal.publish.CompletionEvents;
import dev.vprompt.worker.internal.publish.DeadLetters;
import dev.vprompt.worker.internal.publish.EventProducer;
import dev.vprompt.worker.internal.publish.PublishedObject;
import dev.vprompt.worker.internal.publish.RenderedResult;
import dev.vprompt.worker.internal.publish.ResultRenderer;
import dev.vprompt.worker.internal.retry.Backoff;
import dev.vprompt.worker.internal.retry.RetryListener;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import dev.vprompt.worker.metrics.WorkerMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries each polled record through {@code decode → validate → fetch → prompt → batch → infer → publish} and marks
 * its offset complete only once its results and completion event (or dead letter) are acknowledged.
 *
 * <p>Threading: every field is confined to the Vert.x event-loop context it was created on; {@link JobSink} methods
 * run there. Stage work runs elsewhere (S3 I/O threads, the CPU pool, the inference threads) and each job's outcome
 * returns to the context via {@link Context#runOnContext}. Nothing here blocks.
 */
public final class JobFlow implements JobSink {

    private static final Logger LOGGER = LoggerFactory.getLogger(JobFlow.class);
    static final String TRACEPARENT = "traceparent";

    /** Collaborators of a flow. */
    public record Stages(
            JobDecoder decoder,
            EventCodec<PromptCompleted> completionCodec,
            EventCodec<DeadLetter> deadLetterCodec,
            ImageFetcher fetcher,
            PromptAssembler assembler,
            DynamicBatcher<Canvas, Inferred> batcher,
            ResultRenderer renderer,
            ObjectStore store,
            EventProducer producer,
            CompletionEvents completions,
            DeadLetters deadLetters,
            WorkerMetrics metrics,
            Executor cpu) {}

    /** Topics and bounds a flow needs. */
    public record Settings(
            String completionsTopic, String deadLetterTopic, String modelId, int maxInFlight, Backoff backoff) {}

    private final Vertx vertx;
    private final Context context;
    private final Stages s;
    private final Settings settings;
    private final OffsetTracker tracker;
    private final Clock clock;
    private final RetryPolicy retry;
    private final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>();
    private IntakeControl intake = IntakeControl.NONE;
    private int inFlight;
    private int degraded;
    private boolean stopped;

    /** What the flow needs from the source to apply back-pressure. */
    public interface IntakeControl {
        IntakeControl NONE = new IntakeControl() {
            @Override
            public void pause() {}

            @Override
            public void resume() {}

            @Override
            public void commitSoon() {}
        };

        void pause();

        void resume();

        void commitSoon();
    }

    public JobFlow(Vertx vertx, Context context, Stages stages, Settings settings, OffsetTracker tracker, Clock clock) {
        this.vertx = vertx;
        this.context = context;
        this.s = stages;
        this.settings = settings;
        this.tracker = tracker;
        this.clock = clock;
        this.retry = new RetryPolicy(
                settings.backoff(),
                r -> context.runOnContext(v -> r.run()),
                (delay, task) -> vertx.setTimer(delay, id -> task.run()),
                new RetryListener() {
                    @Override
                    public void retrying(String stage, int failedAttempts, long delayMillis, JobFailure failure) {
                        s.metrics().retry(stage);
                        if (failedAttempts == 1) {
                            degraded++;
                            applyBackPressure();
                        }
                    }

                    @Override
                    public void settled(String stage, boolean succeeded) {
                        degraded--;
                        applyBackPressure();
                    }
                });
    }

    public void intake(IntakeControl control) {
        this.intake = control;
    }

    /** Jobs between poll and completion. Event-loop only. */
    public int inFlight() {
        return inFlight;
    }

    /** Stops taking new records (they stay uncommitted and will be redelivered); in-flight jobs go on. */
    public void stopIntake() {
        stopped = true;
        retry.stopRetrying();
        intake.pause();
    }

    /** Completes when no job is in flight. Event-loop only. */
    public CompletableFuture<Void> drained() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (inFlight == 0) {
            f.complete(null);
        } else {
            drainWaiters.add(f);
        }
        return f;
    }

    @Override
    public void onRecords(List<JobRecord> records) {
        for (JobRecord r : records) {
            inFlight++;
            start(r);
        }
        applyBackPressure();
    }

    @Override
    public void onPartitionsGone(Collection<TopicPartition> partitions) {
        LOGGER.info("partitions {} left this worker; their unfinished jobs will not be published here", partitions);
    }

    private void start(JobRecord r) {
        JobTimings timings = new JobTimings(r.timestamp(), clock.millis());
        DecodedJob decoded = s.decoder().decode(r);
        if (!decoded.runnable()) {
            failJob(r, decoded.job(), timings, decoded.failure());
            return;
        }
        run(r, decoded.job(), timings);
    }

    private void run(JobRecord r, PromptJob job, JobTimings t) {
        long fetchStart = System.nanoTime();
        retry.run("fetch", () -> s.fetcher().fetch(job))
                .thenComposeAsync(
                        images -> {
                            t.fetched(fetchStart);
                            long prepStart = System.nanoTime();
                            PreparedPrompt prompt = s.assembler().prepare(job, images);
                            t.prepared(prepStart);
                            return infer(job, prompt, t)
                                    .thenApplyAsync(inferred -> render(r, job, prompt, inferred, t), s.cpu());
                        },
                        s.cpu())
                .thenCompose(done -> done)
                .whenComplete((v, error) -> context.runOnContext(x -> {
                    if (error != null && JobFailure.unwrap(error) instanceof Revoked) {
                        LOGGER.info("job {} at {} not published: its partition was revoked", job.getJobId(), r);
                        released(r);
                    } else if (error != null) {
                        JobFailure f = JobFailure.of(error);
                        if (f.code() == ErrorCode.INTERNAL && !f.retriable()) {
                            LOGGER.error("job {} failed unexpectedly", job.getJobId(), f.getCause());
                        }
                        failJob(r, job, t, f);
                    } else {
                        finished(r, "SUCCEEDED", "none", t);
                    }
                }));
    }

    private CompletableFuture<List<Inferred>> infer(PromptJob job, PreparedPrompt prompt, JobTimings t) {
        long deadline =
                job.getDeadline() == null ? Long.MAX_VALUE : job.getDeadline().toEpochMilli();
        return retry.run("batch", () -> {
            List<CompletableFuture<Inferred>> parts = new ArrayList<>();
            t.enqueued();
            try {
                for (Canvas c : prompt.canvases()) {
                    parts.add(s.batcher()
                            .submit(
                                    new BatchKey(settings.modelId(), c.mask().keptCount()),
                                    job.getJobId(),
                                    c,
                                    job.getPriority(),
                                    deadline));
                }
            } catch (BatcherFullException e) {
                parts.forEach(p -> p.cancel(false));
                return CompletableFuture.failedFuture(JobFailure.transientFailure(e.getMessage(), e));
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                    .thenApply(v -> {
                        List<Inferred> out =
                                parts.stream().map(CompletableFuture::join).toList();
                        long closed = out.stream()
                                .mapToLong(Inferred::closedNanos)
                                .max()
                                .orElse(0);
                        t.batchClosed(closed);
                        t.inferDone();
                        return out;
                    });
        });
    }

    /** Runs on the CPU pool: post-process, then publish (I/O, asynchronous). */
    private CompletableFuture<Void> render(
            JobRecord r, PromptJob job, PreparedPrompt prompt, List<Inferred> inferred, JobTimings t) {
        if (!tracker.isCurrent(r.partition(), r.generation())) {
            // The partition moved to another worker, which will run this job again: do not publish it twice.
            return CompletableFuture.failedFuture(new Revoked());
        }
        List<InferenceOutput> outputs = inferred.stream().map(Inferred::output).toList();
        RenderedResult result = s.renderer().render(job, prompt, outputs);
        Inferred first = inferred.get(0);
        return publish(job, result, first.batchId(), first.batchSize(), t, headersOf(r));
    }

    private CompletableFuture<Void> publish(
            PromptJob job,
            RenderedResult result,
            String batchId,
            int batchSize,
            JobTimings t,
            Map<String, String> headers) {
        t.publishStarted();
        String base = prefix(job) + job.getJobId() + "/";
        String bucket = job.getOutput().getBucket();
        List<CompletableFuture<OutputObject>> puts = new ArrayList<>();
        for (PublishedObject o : result.objects()) {
            String key = base + o.name();
            puts.add(retry.run("publish", () -> s.store().put(bucket, key, o.bytes(), o.contentType()))
                    .thenApply(v -> OutputObject.newBuilder()
                            .setKind(o.kind())
                            .setContentType(o.contentType())
                            .setRef(dev.vprompt.schemas.ObjectRef.newBuilder()
                                    .setBucket(bucket)
                                    .setKey(key)
                                    .setVersionId(null)
                                    .build())
                            .build()));
        }
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<OutputObject> outputs =
                    puts.stream().map(CompletableFuture::join).toList();
            PromptCompleted event = s.completions()
                    .succeeded(job.getJobId(), outputs, result, t, batchId, batchSize, job.getAttributes());
            byte[] value = s.completionCodec().encode(event);
            return retry.run(
                    "publish", () -> s.producer().send(settings.completionsTopic(), job.getJobId(), value, headers));
        });
    }

    private static String prefix(PromptJob job) {
        String p = job.getOutput().getPrefix();
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** A permanent failure: FAILED completion + dead letter, both acknowledged, then the offset is complete. */
    private void failJob(JobRecord r, PromptJob job, JobTimings t, JobFailure f) {
        if (f.retriable()) {
            // Retries only stop at shutdown: leave the record uncommitted so it is redelivered.
            LOGGER.info("job at {} abandoned during shutdown; it will be redelivered", r);
            released(r);
            return;
        }
        String jobId = job != null ? job.getJobId() : r.jobIdFromKey();
        LOGGER.warn(
                "job failed jobId={} partition={} offset={} code={} message={}",
                jobId,
                r.partition(),
                r.offset(),
                f.code(),
                f.getMessage());
        Map<String, String> attributes = job != null ? job.getAttributes() : Map.of();
        Map<String, String> headers = headersOf(r);
        byte[] completed = s.completionCodec()
                .encode(s.completions().failed(jobId, f.code().name(), String.valueOf(f.getMessage()), t, attributes));
        byte[] dead =
                s.deadLetterCodec().encode(s.deadLetters().of(r, f.code().name(), String.valueOf(f.getMessage()), 1));
        CompletableFuture<Void> a =
                retry.run("publish", () -> s.producer().send(settings.completionsTopic(), jobId, completed, headers));
        CompletableFuture<Void> b =
                retry.run("publish", () -> s.producer().send(settings.deadLetterTopic(), jobId, dead, headers));
        CompletableFuture.allOf(a, b)
                .whenComplete((v, e) -> context.runOnContext(x -> {
                    if (e != null) {
                        released(r);
                    } else {
                        finished(r, "FAILED", f.code().name(), t);
                    }
                }));
    }

    private static Map<String, String> headersOf(JobRecord r) {
        byte[] tp = r.headers().get(TRACEPARENT);
        return tp == null ? Map.of() : Map.of(TRACEPARENT, new String(tp, StandardCharsets.UTF_8));
    }

    /** Marks a job whose partition was revoked before it could be published. */
    private static final class Revoked extends RuntimeException {
        Revoked() {
            super("partition revoked", null, false, false);
        }
    }

    private void finished(JobRecord r, String status, String code, JobTimings t) {
        boolean current = tracker.complete(r.partition(), r.generation(), r.offset());
        if (!current) {
            LOGGER.info("job at {} finished after its partition was revoked; not committed here", r);
        }
        s.metrics().jobFinished(status, code);
        s.metrics().recordStages(t);
        released(r);
    }

    private void released(JobRecord r) {
        inFlight--;
        applyBackPressure();
        if (inFlight == 0 && !drainWaiters.isEmpty()) {
            intake.commitSoon();
            drainWaiters.forEach(w -> w.complete(null));
            drainWaiters.clear();
        }
    }

    private void applyBackPressure() {
        if (stopped) {
            return;
        }
        if (inFlight >= settings.maxInFlight() || degraded > 0) {
            intake.pause();
        } else if (inFlight <= settings.maxInFlight() / 2) {
            intake.resume();
        }
    }
}
