package dev.vprompt.worker.internal.publish;

import dev.vprompt.worker.internal.ingest.JobRecord;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends completion events and dead letters. A future completes only once the event is safe: acknowledged by the
 * broker ({@link KafkaEventProducer}, at-least-once), or held to be committed in one transaction with its job's offset
 * ({@link StagedEventProducer}, exactly-once); only then may the job's offset be committed. It fails with a {@link
 * dev.vprompt.worker.internal.job.JobFailure} that says whether a retry can help.
 *
 * <p>Implementations are thread-safe; {@link #send} does not wait for the broker (futures complete on the producer's
 * own thread).
 */
public interface EventProducer extends AutoCloseable {

    /**
     * Sends one event about the job of record {@code origin}.
     *
     * @param origin the job record the event reports on
     */
    CompletableFuture<Void> send(JobRecord origin, String topic, String key, byte[] value, Map<String, String> headers);

    /** Whether events can still be sent (the worker's liveness). */
    boolean isAlive();

    @Override
    void close();
}
