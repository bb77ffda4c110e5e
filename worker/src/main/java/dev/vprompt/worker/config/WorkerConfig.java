package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.common.Problems;
import java.lang.management.ManagementFactory;

/**
 * Everything a worker needs, validated at construction: a bad value fails startup with one
 * {@link InvalidConfigException} listing every problem, never halfway through a job. Every value is resolved: a
 * runtime class reads plain values, never "null means default".
 *
 * <p>Load it with {@link WorkerConfigLoader} (YAML file + {@code VP_*} environment overrides), or build it in code:
 *
 * <pre>{@code
 * WorkerConfig config = WorkerConfig.builder()
 *         .kafka(KafkaSettings.builder().bootstrapServers("127.0.0.1:9092").build())
 *         .s3(S3Settings.builder()
 *                 .endpoint("http://127.0.0.1:9000")
 *                 .credentials(accessKey, secretKey)
 *                 .read(List.of(S3Permission.bucket("images")))
 *                 .write(List.of(S3Permission.bucket("results")))
 *                 .build())
 *         .batch(BatchSettings.builder().maxBatchSize(16).build())
 *         .build();
 * }</pre>
 */
@JsonDeserialize(builder = WorkerConfig.Builder.class)
public record WorkerConfig(
        String workerId,
        KafkaSettings kafka,
        S3Settings s3,
        PipelineSettings pipeline,
        BatchSettings batch,
        ModelSettings model,
        HttpSettings http) {

    public static final String DEFAULT_WORKER_ID =
            "worker-" + ManagementFactory.getRuntimeMXBean().getName();

    public WorkerConfig {
        Problems p = new Problems();
        p.requireText(workerId, "workerId");
        p.require(kafka != null, "kafka section is required (kafka.bootstrapServers at least)");
        p.require(s3 != null, "s3 section is required (endpoint, accessKey, secretKey, read, write)");
        p.require(pipeline != null, "pipeline section must not be null");
        p.require(batch != null, "batch section must not be null");
        p.require(model != null, "model section must not be null");
        p.require(http != null, "http section must not be null");
        p.throwIfAny(InvalidConfigException::new);
        kafka.validate(p);
        s3.validate(p);
        pipeline.validate(p);
        batch.validate(p);
        model.validate(p);
        http.validate(p);
        p.require(
                batch.queueCapacity() >= pipeline.maxInFlight(),
                "batch.queueCapacity (" + batch.queueCapacity() + ") must be >= pipeline.maxInFlight ("
                        + pipeline.maxInFlight() + ") so a job admitted by intake is never rejected by the batcher");
        p.throwIfAny(InvalidConfigException::new);
        int pollCap = maxPollRecordsFor(pipeline.maxInFlight());
        if (kafka.maxPollRecords() > pollCap) {
            kafka = kafka.toBuilder().maxPollRecords(pollCap).build();
        }
    }

    /**
     * The most records one poll may bring for a worker that holds at most {@code maxInFlight} jobs: half of them, since
     * the consumer polls only when a whole poll fits under the bound and intake resumes at half of it.
     */
    public static int maxPollRecordsFor(int maxInFlight) {
        return Math.max(1, maxInFlight / 2);
    }

    /** A builder whose sections start at their defaults; {@code kafka} and {@code s3} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder()
                .workerId(workerId)
                .kafka(kafka)
                .s3(s3)
                .pipeline(pipeline)
                .batch(batch)
                .model(model)
                .http(http);
    }

    /** Starts from the defaults; also reads the whole YAML file. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String workerId = DEFAULT_WORKER_ID;
        private KafkaSettings kafka;
        private S3Settings s3;
        private PipelineSettings pipeline = PipelineSettings.defaults();
        private BatchSettings batch = BatchSettings.defaults();
        private ModelSettings model = ModelSettings.defaults();
        private HttpSettings http = HttpSettings.defaults();

        Builder() {}

        /** This worker's name in logs, events and client ids; blank keeps {@link #DEFAULT_WORKER_ID}. */
        public Builder workerId(String value) {
            workerId = value == null || value.isBlank() ? DEFAULT_WORKER_ID : value;
            return this;
        }

        public Builder kafka(KafkaSettings value) {
            kafka = value;
            return this;
        }

        public Builder s3(S3Settings value) {
            s3 = value;
            return this;
        }

        public Builder pipeline(PipelineSettings value) {
            pipeline = value;
            return this;
        }

        public Builder batch(BatchSettings value) {
            batch = value;
            return this;
        }

        public Builder model(ModelSettings value) {
            model = value;
            return this;
        }

        public Builder http(HttpSettings value) {
            http = value;
            return this;
        }

        /** @throws InvalidConfigException listing every problem */
        public WorkerConfig build() {
            return new WorkerConfig(workerId, kafka, s3, pipeline, batch, model, http);
        }
    }
}
