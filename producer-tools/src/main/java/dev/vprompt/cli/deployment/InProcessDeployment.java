package dev.vprompt.cli.deployment;

import dev.vprompt.client.Connection;
import dev.vprompt.embedded.EmbeddedStack;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.config.HttpSettings;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.config.S3Permission;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.lifecycle.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole vprompt deployment inside this JVM: the embedded Kafka broker and S3 server on 127.0.0.1 with the default
 * topics and buckets of {@link StackConnections#of(StackEndpoints)}, and one worker consuming from them. It is what
 * {@code vp demo} and {@code vp eval} run against when no deployment is named.
 *
 * <pre>{@code
 * try (InProcessDeployment d = InProcessDeployment.start(InProcessDeployment.Settings.defaults())) {
 *     Connection c = d.connection(); // submit jobs, await completions
 * }
 * }</pre>
 *
 * <p>Thread-safe: immutable after {@link #start}; {@link #close()} drains the worker, then stops the stack, and is
 * safe to call twice.
 */
public final class InProcessDeployment implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(InProcessDeployment.class);

    /**
     * How to run the in-process worker.
     *
     * @param modelPath a checkpoint ({@code .pth}) or safetensors, {@code random} for the worker's random model; null
     *     serves the worker's built-in trained model
     * @param modelConfig JSON architecture config for the checkpoint; null for the official ViT-L
     * @param maxBatchSize the worker's {@code batch.maxBatchSize}
     * @param maxBatchDelay the worker's {@code batch.maxBatchDelay}
     * @param partitions partitions of the jobs and completions topics
     */
    public record Settings(
            String modelPath, String modelConfig, int maxBatchSize, Duration maxBatchDelay, int partitions) {

        public static final int DEFAULT_MAX_BATCH_SIZE = BatchSettings.DEFAULT_MAX_BATCH_SIZE;
        public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(100);
        public static final int DEFAULT_PARTITIONS = 3;

        public Settings {
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be >= 1, was " + maxBatchSize);
            }
            if (maxBatchDelay == null || maxBatchDelay.isNegative()) {
                throw new IllegalArgumentException("maxBatchDelay must be >= 0");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
            }
        }

        public static Settings defaults() {
            return new Settings(null, null, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_DELAY, DEFAULT_PARTITIONS);
        }

        public Settings withModel(String path, String config) {
            return new Settings(path, config, maxBatchSize, maxBatchDelay, partitions);
        }

        public Settings withBatching(int size, Duration delay) {
            return new Settings(modelPath, modelConfig, size, delay, partitions);
        }
    }

    private final EmbeddedStack stack;
    private final Worker worker;
    private final Connection connection;

    private InProcessDeployment(EmbeddedStack stack, Worker worker, Connection connection) {
        this.stack = stack;
        this.worker = worker;
        this.connection = connection;
    }

    /** Starts the stack, creates topics and buckets, starts the worker (model loaded and warmed up). */
    public static InProcessDeployment start(Settings settings) throws Exception {
        EmbeddedStack stack = EmbeddedStack.start();
        Worker worker = null;
        try {
            Connection c = StackConnections.of(stack.endpoints());
            stack.createTopics(settings.partitions(), c.jobsTopic(), c.completionsTopic(), c.deadLetterTopic());
            stack.createBuckets(c.imagesBucket(), c.resultsBucket());
            worker = new Worker(workerConfig(stack.endpoints(), c, settings));
            worker.start();
            LOGGER.info(
                    "in-process deployment ready: {} model={}",
                    stack.endpoints(),
                    worker.model().identity());
            return new InProcessDeployment(stack, worker, c);
        } catch (Exception | Error e) {
            if (worker != null) {
                worker.close(Worker.Drain.DONT_DRAIN);
            }
            stack.close();
            throw e;
        }
    }

    static WorkerConfig workerConfig(StackEndpoints stack, Connection c, Settings s) {
        return WorkerConfig.builder()
                .workerId("vp-inprocess-worker")
                .kafka(KafkaSettings.builder()
                        .bootstrapServers(stack.kafkaBootstrap())
                        .topics(c.jobsTopic(), c.completionsTopic(), c.deadLetterTopic())
                        .commitInterval(Duration.ofMillis(200))
                        .build())
                .s3(S3Settings.builder()
                        .endpoint(stack.s3Endpoint().toString())
                        .credentials(stack.s3AccessKey(), stack.s3SecretKey())
                        .region(stack.s3Region())
                        .read(List.of(S3Permission.bucket(c.imagesBucket())))
                        .write(List.of(S3Permission.bucket(c.resultsBucket())))
                        // the CLI uploads images under content-addressed keys, so a key never changes
                        .immutableBuckets(Set.of(c.imagesBucket()))
                        .build())
                .batch(BatchSettings.builder()
                        .maxBatchSize(s.maxBatchSize())
                        .maxBatchDelay(s.maxBatchDelay())
                        .build())
                .model(ModelSettings.builder()
                        .path(s.modelPath())
                        .config(s.modelConfig())
                        .build())
                .http(HttpSettings.builder().port(HttpSettings.ANY_FREE_PORT).build())
                .build();
    }

    /** Where the deployment is: default topics and buckets on the embedded stack. */
    public Connection connection() {
        return connection;
    }

    public StackEndpoints endpoints() {
        return stack.endpoints();
    }

    /** What the worker serves; {@code meaningful()} is false for the random and null models. */
    public ModelIdentity model() {
        return worker.model().identity();
    }

    /** The worker's operations port ({@code /metrics}, {@code /health/ready}). */
    public int httpPort() {
        return worker.httpPort();
    }

    /** Drains and stops the worker, then the stack. */
    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            stack.close();
        }
    }
}
