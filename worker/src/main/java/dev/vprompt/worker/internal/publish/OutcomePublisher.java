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
import dev.vprompt.worker.internal.job.JobTimings;
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
 * event and a dead letter that keeps the original record. Every write goes through the {@link RetryPolicy}; the
 * returned future completes once every write is acknowledged (only then may the job's offset be committed) and
 * fails when one fails permanently or retrying was given up. Nothing here calls back into the flow.
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

    /** Where completion events and dead letters go. */
    public record Topics(String completions, String deadLetters) {}

    /** The encoders of the two kinds of event published. */
    public record Codecs(EventCodec<PromptCompleted> completion, EventCodec<DeadLetter> deadLetter) {}

    private final ObjectStore store;
    private final EventProducer producer;
    private final CompletionEvents completions;
    private final DeadLetters deadLetters;
    private final Codecs codecs;
    private final Topics topics;
    private final RetryPolicy retry;

    public OutcomePublisher(
            ObjectStore store,
            EventProducer producer,
            CompletionEvents completions,
            DeadLetters deadLetters,
            Codecs codecs,
            Topics topics,
            RetryPolicy retry) {
        this.store = store;
        this.producer = producer;
        this.completions = completions;
        this.deadLetters = deadLetters;
        this.codecs = codecs;
        this.topics = topics;
        this.retry = retry;
    }

    /** Writes the result objects, then the SUCCEEDED completion event. */
    public CompletableFuture<Void> succeeded(
            JobRecord record, PromptJob job, RenderedResult result, Inferred batch, JobTimings timings) {
        String base = ResultKeys.base(job);
        String bucket = job.getOutput().getBucket();
        List<CompletableFuture<OutputObject>> puts = new ArrayList<>();
        for (PublishedObject o : result.objects()) {
            String key = base + o.name();
            puts.add(retry.run(STAGE, () -> store.put(bucket, key, o.bytes(), o.contentType()))
                    .thenApply(v -> outputObject(o, bucket, key)));
        }
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<OutputObject> outputs =
                    puts.stream().map(CompletableFuture::join).toList();
            PromptCompleted event = completions.succeeded(
                    job.getJobId(), outputs, result, timings, batch.batchId(), batch.batchSize(), job.getAttributes());
            return send(
                    topics.completions(), job.getJobId(), codecs.completion().encode(event), record);
        });
    }

    /**
     * Sends the FAILED completion event and the dead letter of a job that can never succeed.
     *
     * @param job the decoded job, or null when the record could not be decoded (the record key then names the job)
     */
    public CompletableFuture<Void> failed(JobRecord record, PromptJob job, JobFailure failure, JobTimings timings) {
        String jobId = job != null ? job.getJobId() : record.jobIdFromKey();
        String code = failure.code().name();
        String message = String.valueOf(failure.getMessage());
        LOGGER.warn(
                "job failed jobId={} partition={} offset={} code={} message={}",
                SafeText.forLog(jobId),
                record.partition(),
                record.offset(),
                code,
                SafeText.forLog(message));
        Map<String, String> attributes = job != null ? job.getAttributes() : Map.of();
        byte[] completed = codecs.completion().encode(completions.failed(jobId, code, message, timings, attributes));
        byte[] dead = codecs.deadLetter().encode(deadLetters.of(record, code, message, 1));
        return CompletableFuture.allOf(
                send(topics.completions(), jobId, completed, record), send(topics.deadLetters(), jobId, dead, record));
    }

    private CompletableFuture<Void> send(String topic, String key, byte[] value, JobRecord record) {
        Map<String, String> headers = traceHeaders(record);
        return retry.run(STAGE, () -> producer.send(topic, key, value, headers));
    }

    static Map<String, String> traceHeaders(JobRecord record) {
        byte[] tp = record.headers().get(TRACEPARENT);
        return tp == null ? Map.of() : Map.of(TRACEPARENT, new String(tp, StandardCharsets.UTF_8));
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
