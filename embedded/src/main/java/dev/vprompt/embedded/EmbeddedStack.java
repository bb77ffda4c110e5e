package dev.vprompt.embedded;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EmbeddedKafka} and an {@link EmbeddedS3} started together (in parallel, which saves the S3 start time) and
 * closed together: the demo's and the tests' whole outside world, on 127.0.0.1.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start()) {
 *     stack.createTopics(3, "prompt-jobs", "prompt-completed");
 *     stack.createBuckets("images");
 *     StackEndpoints endpoints = stack.endpoints();
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread; {@link #close()} is idempotent.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedStack.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final StackEndpoints endpoints;
    private final Lifecycle lifecycle = new Lifecycle();

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
        this.endpoints = new StackEndpoints(
                kafka.bootstrapServers(),
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                s3.region(),
                StackEndpoints.KIND_EMBEDDED);
    }

    /** Starts both servers with their defaults. */
    public static EmbeddedStack start() {
        return start(EmbeddedKafkaConfig.defaults(), EmbeddedS3Config.defaults());
    }

    /**
     * Starts both servers in parallel; if either fails, the other is closed before the failure is thrown.
     *
     * @throws EmbeddedStartException when either server does not start
     */
    public static EmbeddedStack start(EmbeddedKafkaConfig kafkaConfig, EmbeddedS3Config s3Config) {
        long started = System.nanoTime();
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "vprompt-embedded-s3-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<EmbeddedS3> s3Future =
                    CompletableFuture.supplyAsync(() -> EmbeddedS3.start(s3Config), starter);
            EmbeddedKafka kafka;
            try {
                kafka = EmbeddedKafka.start(kafkaConfig);
            } catch (RuntimeException e) {
                s3Future.thenAccept(EmbeddedS3::close);
                throw e;
            }
            EmbeddedS3 s3;
            try {
                s3 = s3Future.join();
            } catch (CompletionException e) {
                kafka.close();
                throw e.getCause() instanceof RuntimeException r
                        ? r
                        : new EmbeddedStartException("S3 did not start", e);
            }
            EmbeddedStack stack = new EmbeddedStack(kafka, s3);
            LOGGER.info(
                    "Embedded stack started: {} startMs={}",
                    stack.endpoints,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return stack;
        } finally {
            starter.shutdown();
        }
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    /** Creates the topics (idempotent) and waits until they are usable. */
    public void createTopics(int partitions, String... topics) {
        kafka.createTopics(partitions, List.of(topics));
    }

    /** Creates the buckets (idempotent). */
    public void createBuckets(String... buckets) {
        s3.createBuckets(List.of(buckets));
    }

    /** Closes S3, then Kafka. Safe to call twice. */
    @Override
    public void close() {
        if (!lifecycle.beginClose()) {
            return;
        }
        try {
            s3.close();
        } finally {
            kafka.close();
            lifecycle.closed();
        }
    }
}
