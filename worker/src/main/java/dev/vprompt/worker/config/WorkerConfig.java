package dev.vprompt.worker.config;

import dev.vprompt.common.Problems;
import java.lang.management.ManagementFactory;

/**
 * Everything a worker needs, validated at construction: a bad value fails startup with one
 * {@link InvalidConfigException} listing every problem, never halfway through a job.
 *
 * <p>Load it with {@link WorkerConfigLoader} (YAML file + {@code VP_*} environment overrides).
 */
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
        workerId = workerId == null || workerId.isBlank() ? DEFAULT_WORKER_ID : workerId;
        pipeline = pipeline == null ? PipelineSettings.defaults() : pipeline;
        batch = batch == null ? BatchSettings.defaults() : batch;
        model = model == null ? ModelSettings.defaults() : model;
        http = http == null ? HttpSettings.defaults() : http;

        Problems p = new Problems();
        if (kafka == null || s3 == null) {
            p.require(kafka != null, "kafka section is required (kafka.bootstrapServers at least)");
            p.require(s3 != null, "s3 section is required (endpoint, accessKey, secretKey, allowedBuckets)");
            p.throwIfAny(InvalidConfigException::new);
        }
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
    }
}
