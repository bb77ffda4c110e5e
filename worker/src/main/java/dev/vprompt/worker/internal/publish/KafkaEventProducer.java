package dev.vprompt.worker.internal.publish;

import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.retry.FailureClassifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link EventProducer} on a Kafka producer. Idempotent producer with {@code acks=all}: a future completes only when
 * the broker has acknowledged the record, which is what allows the job's offset to be committed.
 *
 * <p>One request in flight per broker: with several, a first batch refused with a retriable error (a partition the
 * broker is still creating or taking over) can be overtaken by a later batch, and a broker that has no state for this
 * producer yet accepts the later one; the first is then refused as out of order on every retry until {@code
 * delivery.timeout.ms} (two minutes) drops it, and the job's offset waits all that time (KAFKA-15591). One request at
 * a time keeps batches in order; completions are small, so batching absorbs the round trip.
 *
 * <p>{@code KafkaProducer.send} may block its caller for up to {@code max.block.ms} (waiting for metadata or buffer
 * space), so {@link #send} never calls it on the caller's thread: records are handed to one submitting thread
 * ({@code vp-kafka-send}, order kept) through a bounded queue; a full queue fails the send transiently at once.
 * Every future completes within {@link #sendTimeout()} even if the producer's own I/O thread has died, and every
 * error is classified by {@link FailureClassifier#kafkaSend}.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread (the event loop included) and returns at once; futures
 * complete on the producer's I/O thread, the submitting thread, or the JDK's timeout thread. {@link #isAlive()} may be
 * called from any thread (the worker's watchdog).
 */
public final class KafkaEventProducer implements EventProducer {

    /** Records waiting for the submitting thread; beyond it a send fails transiently at once. */
    public static final int SUBMIT_QUEUE_CAPACITY = 4096;
    /** Waited for beyond the producer's own delivery timeout before a send is given up as unanswered. */
    static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private static final String NETWORK_THREAD_PREFIX = "kafka-producer-network-thread | ";

    private final Producer<String, byte[]> producer;
    private final BooleanSupplier ioThreadAlive;
    private final Duration sendTimeout;
    private final ThreadPoolExecutor submitter;
    private volatile boolean closed;

    /**
     * @param ioThreadAlive whether the producer's own I/O thread still runs
     * @param sendTimeout how long a send may stay unanswered before it fails transiently
     */
    KafkaEventProducer(Producer<String, byte[]> producer, BooleanSupplier ioThreadAlive, Duration sendTimeout) {
        this.producer = producer;
        this.ioThreadAlive = ioThreadAlive;
        this.sendTimeout = sendTimeout;
        this.submitter = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(SUBMIT_QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "vp-kafka-send");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A producer for {@code bootstrapServers}; {@code extra} client properties are applied last. */
    public static KafkaEventProducer create(String bootstrapServers, String clientId, Map<String, String> extra) {
        Properties p = properties(bootstrapServers, clientId, extra);
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Thread io = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().equals(NETWORK_THREAD_PREFIX + clientId))
                .findFirst()
                .orElse(null);
        long deliveryMs = Long.parseLong(p.getProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000"));
        long blockMs = Long.parseLong(p.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        Duration timeout = Duration.ofMillis(deliveryMs + blockMs).plus(TIMEOUT_MARGIN);
        return new KafkaEventProducer(producer, () -> io == null || io.isAlive(), timeout);
    }

    static Properties properties(String bootstrapServers, String clientId, Map<String, String> extra) {
        Properties p = new Properties();
        // tuning the operator may change, then the operator's properties, then what delivery rests on
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"); // KAFKA-15591, see the class comment
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.putAll(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    /** The producer's {@code max.request.size} for these client properties: no record may be larger. */
    public static int maxRequestBytes(Map<String, String> extra) {
        String v = extra.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return v == null ? 1024 * 1024 : Integer.parseInt(v.trim());
    }

    @Override
    public CompletableFuture<Void> send(
            JobRecord origin, String topic, String key, byte[] value, Map<String, String> headers) {
        return send(topic, key, value, headers);
    }

    /** Sends one record; the future fails with a classified JobFailure when the broker does not acknowledge it. */
    public CompletableFuture<Void> send(String topic, String key, byte[] value, Map<String, String> headers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            submitter.execute(() -> submit(record, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(FailureClassifier.kafkaSend(e, topic));
        }
        return done.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(FailureClassifier.kafkaSend(e, topic)));
    }

    /** Runs on the submitting thread: may block up to {@code max.block.ms}. */
    private void submit(ProducerRecord<String, byte[]> record, CompletableFuture<Void> done) {
        try {
            producer.send(record, (md, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** How long a send may stay unanswered before it fails transiently. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Whether the producer can still send: not closed, and its I/O thread and the submitting thread run. */
    @Override
    public boolean isAlive() {
        return !closed && ioThreadAlive.getAsBoolean() && !submitter.isShutdown();
    }

    @Override
    public void close() {
        closed = true;
        submitter.shutdown();
        try {
            submitter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
