package dev.vprompt.client;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.schemas.codec.EventCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@link PromptJob}s to the jobs topic, keyed by job id, encoded with {@link EventCodecs#promptJob()}.
 *
 * <pre>{@code
 * try (JobSubmitter submitter = JobSubmitter.open(connection)) {
 *     List<String> ids = submitter.submitAll(jobs); // returns once the broker acknowledged every job
 * }
 * }</pre>
 *
 * <p>Thread-safe: the Kafka producer is thread-safe; {@link #send} may be called from any thread.
 */
public final class JobSubmitter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Connection connection;
    private final EventCodec<PromptJob> codec = EventCodecs.promptJob();

    private JobSubmitter(Connection connection, KafkaProducer<String, byte[]> producer) {
        this.connection = connection;
        this.producer = producer;
    }

    /**
     * Checks that Kafka answers and the jobs topic exists, then opens a producer.
     *
     * @throws VpClientException when Kafka is unreachable within the connection's timeout or the topic is missing
     */
    public static JobSubmitter open(Connection connection) {
        EventCodecs.trustGeneratedClasses();
        KafkaCheck.requireTopics(connection, connection.jobsTopic());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                connection.producerProperties("vp-submit-" + UUID.randomUUID()),
                new StringSerializer(),
                new ByteArraySerializer());
        return new JobSubmitter(connection, producer);
    }

    /** A fresh job id: {@code <base>-<8 hex>}, or just 12 hex when {@code base} is blank. */
    public static String newJobId(String base) {
        String random = UUID.randomUUID().toString().replace("-", "");
        if (base == null || base.isBlank()) {
            return random.substring(0, 12);
        }
        return base.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + random.substring(0, 8);
    }

    /** Sends one job; the future completes with its id once the broker acknowledged it. */
    public CompletableFuture<String> send(PromptJob job) {
        CompletableFuture<String> acked = new CompletableFuture<>();
        byte[] value = codec.encode(job);
        try {
            producer.send(new ProducerRecord<>(connection.jobsTopic(), job.getJobId(), value), (md, e) -> {
                if (e != null) {
                    acked.completeExceptionally(kafkaFailure(connection, connection.jobsTopic(), e));
                } else {
                    acked.complete(job.getJobId());
                }
            });
        } catch (KafkaException e) {
            acked.completeExceptionally(kafkaFailure(connection, connection.jobsTopic(), e));
        }
        return acked;
    }

    /**
     * Sends every job and returns their ids in order once all are acknowledged.
     *
     * @throws VpClientException when any job could not be delivered
     */
    public List<String> submitAll(List<PromptJob> jobs) {
        List<CompletableFuture<String>> futures = new ArrayList<>(jobs.size());
        for (PromptJob job : jobs) {
            futures.add(send(job));
        }
        producer.flush();
        List<String> ids = new ArrayList<>(jobs.size());
        for (CompletableFuture<String> f : futures) {
            ids.add(join(f));
        }
        return ids;
    }

    private String join(CompletableFuture<String> f) {
        try {
            return f.get(2 * connection.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof VpClientException v ? v : new VpClientException(e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new VpClientException("Kafka at " + connection.bootstrap() + " did not acknowledge a job within "
                    + Durations.format(connection.timeout().multipliedBy(2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpClientException("interrupted while submitting", e);
        }
    }

    /** Sends whatever is buffered now. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(connection.timeout());
    }

    static VpClientException kafkaFailure(Connection c, String topic, Throwable e) {
        if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
            return KafkaCheck.unreachable(c, e);
        }
        return new VpClientException("Kafka at " + c.bootstrap() + " failed: " + e.getMessage(), e);
    }
}
