package dev.vprompt.worker.internal.publish;

import dev.vprompt.worker.internal.ingest.EventOutbox;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.OutgoingEvent;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link EventProducer} of exactly-once delivery: an event is not sent but held in the {@link EventOutbox} with
 * its job's offset, and {@link TransactionalCommits} publishes both in one transaction. The future completes at once
 * when the event is held, and fails ({@link JobFailure#redeliver}) when the job's partition is no longer this worker's.
 *
 * <p>Thread-safe; never blocks.
 */
public final class StagedEventProducer implements EventProducer {

    private final EventOutbox outbox;

    public StagedEventProducer(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public CompletableFuture<Void> send(
            JobRecord origin, String topic, String key, byte[] value, Map<String, String> headers) {
        return outbox.stage(origin, new OutgoingEvent(topic, key, value, headers))
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(
                        JobFailure.redeliver("partition revoked before the event to " + topic + " was held"));
    }

    /** Always: the transactions' own failures end the consumer thread, which liveness watches. */
    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public void close() {
        // nothing held here: the outbox belongs to the job source
    }
}
