package dev.vprompt.worker.internal.publish;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends completion events and dead letters. A future completes only once the broker has acknowledged the record,
 * which is what allows the job's offset to be committed; it fails with a {@link
 * dev.vprompt.worker.internal.job.JobFailure} that says whether a retry can help.
 *
 * <p>Implementations are thread-safe; {@link #send} does not wait for the broker (futures complete on the producer's
 * own thread).
 */
public interface EventProducer extends AutoCloseable {

    CompletableFuture<Void> send(String topic, String key, byte[] value, Map<String, String> headers);

    @Override
    void close();
}
