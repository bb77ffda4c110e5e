package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.ResultKeys;
import dev.vprompt.worker.internal.job.SafeText;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes how a job ended. A succeeded job: its result objects under {@code <prefix>/<jobId>/} (deterministic keys,
 * so a redelivered job overwrites the same objects), then its completion event. A failed job: a FAILED completion
 * event and a dead letter that keeps the original record, both cut to fit their topics ({@link FailureEvents}). Every
 * write goes through the {@link RetryPolicy} with the job's retry budget; the returned future completes once every
 * write is acknowledged (only then may the job's offset be committed) and fails when one fails permanently or
 * retrying ended. Before each step (result objects, completion event, failure events) the job must still be this
 * worker's: once its partition is revoked nothing more is published ({@link JobFailure#redeliver}), so the partition's
 * new owner does not see it published twice. Nothing here calls back into the flow.
 *
 * <p>A W3C {@code traceparent} header on the job record is copied onto its completion event and dead letter.
 *
 * <p>Threading: stateless and thread-safe; the flow calls {@link #succeeded} on the CPU pool and {@link #failed} on
 * its event loop. The futures complete on S3 or Kafka I/O threads, or on the retry policy's context.
 */
public final class OutcomePublisher {

    private static final Logger LOGGER = LoggerFactory.getLogger(OutcomePublisher.class);
    static final String TRACEPARENT = "traceparent";
    static final String STAGE = "publish";
    /** A W3C traceparent is 55 characters; a longer header value is not one and is not copied. */
    static final int MAX_TRACEPARENT_BYTES = 256;

    /** Where completion events and dead letters go. */
    public record Topics(String completions, String deadLetters) {}

    /** The encoders of the two kinds of event published. */
    public record Codecs(EventCodec<PromptCompleted> completion, EventCodec<DeadLetter> deadLetter) {}

    private final ObjectStore store;
    private final EventProducer producer;
    private final CompletionEvents completions;
    private final FailureEvents failures;
    private final Codecs codecs;
    private final Topics topics;
    private final RetryPolicy retry;

    public OutcomePublisher(
            ObjectStore store,
            EventProducer producer,
            CompletionEvents completions,
            FailureEvents failures,
            Codecs codecs,
            Topics topics,
            RetryPolicy retry) {
        this.store = store;
        this.producer = producer;
        this.completions = completions;
        this.failures = failures;
        this.codecs = codecs;
        this.topics = topics;
        this.retry = retry;
    }

    /** Writes the result objects, then the SUCCEEDED completion event. */
    public CompletableFuture<Void> succeeded(Publication p, RenderedResult result, Inferred batch) {
        PromptJob job = p.job();
        if (!p.owned().getAsBoolean()) {
            return revoked("results");
        }
        String base = ResultKeys.base(job);
        String bucket = job.getOutput().getBucket();
        List<CompletableFuture<OutputObject>> puts = new ArrayList<>();
        for (PublishedObject o : result.objects()) {
            String key = base + o.name();
            puts.add(retry.run(STAGE, p.budget(), () -> store.put(bucket, key, o.bytes(), o.contentType()))
                    .thenApply(v -> outputObject(o, bucket, key)));
        }
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            if (!p.owned().getAsBoolean()) {
                return revoked("completion event");
            }
            List<OutputObject> outputs =
                    puts.stream().map(CompletableFuture::join).toList();
            PromptCompleted event = completions.succeeded(
                    job.getJobId(),
                    outputs,
                    result,
                    p.timings(),
                    batch.batchId(),
                    batch.batchSize(),
                    job.getAttributes());
            byte[] value = codecs.completion().encode(event);
            return send(p, topics.completions(), job.getJobId(), value);
        });
    }

    /**
     * Sends the FAILED completion event and the dead letter of a job that can never succeed.
     *
     * @param p the job; {@code p.job()} is null when the record could not be decoded (the record key then names it)
     * @param attempts how many times the job was attempted (the dead letter's {@code attempts})
     */
    public CompletableFuture<Void> failed(Publication p, JobFailure failure, int attempts) {
        JobRecord record = p.record();
        if (!p.owned().getAsBoolean()) {
            return revoked("failure");
        }
        String jobId = p.job() != null ? p.job().getJobId() : record.jobIdFromKey();
        String code = failure.code().name();
        String message = String.valueOf(failure.getMessage());
        LOGGER.warn(
                "job failed jobId={} partition={} offset={} code={} attempts={} message={}",
                SafeText.forLog(jobId),
                record.partition(),
                record.offset(),
                code,
                attempts,
                SafeText.forLog(message));
        Map<String, String> attributes = p.job() != null ? p.job().getAttributes() : Map.of();
        Map<String, String> headers = traceHeaders(record);
        FailureEvents.Encoded completed =
                failures.completion(record, jobId, code, message, p.timings(), attributes, headers);
        FailureEvents.Encoded dead = failures.deadLetter(record, completed.key(), code, message, attempts, headers);
        return CompletableFuture.allOf(
                send(p, topics.completions(), completed.key(), completed.value()),
                send(p, topics.deadLetters(), dead.key(), dead.value()));
    }

    private CompletableFuture<Void> send(Publication p, String topic, String key, byte[] value) {
        Map<String, String> headers = traceHeaders(p.record());
        return retry.run(STAGE, p.budget(), () -> producer.send(p.record(), topic, key, value, headers));
    }

    private static CompletableFuture<Void> revoked(String what) {
        return CompletableFuture.failedFuture(
                JobFailure.redeliver("partition revoked before the " + what + " could be published"));
    }

    static Map<String, String> traceHeaders(JobRecord record) {
        byte[] tp = record.headers().get(TRACEPARENT);
        return tp == null || tp.length > MAX_TRACEPARENT_BYTES
                ? Map.of()
                : Map.of(TRACEPARENT, new String(tp, StandardCharsets.UTF_8));
    }

    private static OutputObject outputObject(PublishedObject o, String bucket, String key) {
        return OutputObject.newBuilder()
                .setKind(o.kind())
                .setContentType(o.contentType())
                .setRef(ObjectRef.newBuilder()
                        .setBucket(bucket)
                        .setKey(key)
                        .setVersionId(null)
                        .build())
                .build();
    }
}
