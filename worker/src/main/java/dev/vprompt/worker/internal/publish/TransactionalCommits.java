package dev.vprompt.worker.internal.publish;

import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.internal.ingest.OffsetCommitter;
import dev.vprompt.worker.internal.ingest.OffsetTracker;
import dev.vprompt.worker.internal.ingest.OutgoingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once delivery: each commit is one Kafka transaction that carries the completion events and dead letters of
 * the finished jobs ({@link OffsetTracker#ready}) and their consumed offsets ({@code sendOffsetsToTransaction} with
 * the consumer's group metadata). A {@code read_committed} reader sees a job's events exactly when its offset is
 * committed; after a crash the job's next run publishes them once, and the crashed run's open transaction is aborted.
 *
 * <p>Zombie fencing: the group metadata ties each offset commit to the consumer's generation, so a worker that lost
 * its partitions in a rebalance cannot commit them (its transaction aborts; the events stay unseen). A successor
 * started with the same {@code transactional.id} fences the old producer at {@code initTransactions} and aborts the
 * transaction it left open; the fenced producer can no longer abort, and this committer then fails the consumer thread
 * so that the worker's liveness fails and it stops.
 *
 * <p>Failures: a transaction that fails is aborted; its events stay held and its offsets uncommitted, and the next
 * commit tries again with everything ready by then. A commit or abort whose answer timed out is retried before
 * anything else (a commit that may have reached the broker may only be completed, never replaced).
 *
 * <p>Threading: the consumer thread only ({@link OffsetCommitter}); it blocks that thread for up to {@code
 * max.block.ms} per step while the broker does not answer. {@link #committed()} and {@link #aborted()} may be read
 * from any thread.
 */
public final class TransactionalCommits implements OffsetCommitter {

    private static final Logger LOGGER = LoggerFactory.getLogger(TransactionalCommits.class);
    /**
     * How long a transaction may stay open: also how long a crashed worker's open transaction holds {@code
     * read_committed} readers back when no successor with its {@code transactional.id} fences it first.
     */
    public static final String DEFAULT_TRANSACTION_TIMEOUT_MS = "30000";

    private final Producer<String, byte[]> producer;
    private final String transactionalId;
    private boolean initialised;
    /** A commit whose answer timed out: only committing it again may follow. */
    private OffsetTracker.Ready inDoubt;
    /** An abort whose answer timed out: to be retried before the next transaction. */
    private boolean abortPending;

    private volatile long committed;
    private volatile long aborted;

    TransactionalCommits(Producer<String, byte[]> producer, String transactionalId) {
        this.producer = producer;
        this.transactionalId = transactionalId;
    }

    /** A transactional producer for a worker named {@code workerId} (nothing is sent until {@link #start}). */
    public static TransactionalCommits create(KafkaSettings settings, String workerId) {
        String id = settings.transactionalIdFor(workerId);
        Properties p = KafkaEventProducer.properties(
                settings.bootstrapServers(), "vp-publish-" + workerId, settings.clientProperties());
        p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, DEFAULT_TRANSACTION_TIMEOUT_MS);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        return new TransactionalCommits(new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()), id);
    }

    /** Initialises transactions (fencing an earlier producer with the same id), retrying while the broker is away. */
    @Override
    public void start(BooleanSupplier running) {
        while (running.getAsBoolean() && !initialised) {
            try {
                producer.initTransactions();
                initialised = true;
                LOGGER.info("transactions initialised transactionalId={}", transactionalId);
            } catch (TimeoutException e) {
                LOGGER.warn("transactions not initialised yet ({}); retrying", e.getMessage());
            }
        }
    }

    @Override
    public void commitSoon(Consumer<?, ?> consumer, OffsetTracker tracker) {
        commitNow(consumer, tracker, null);
    }

    @Override
    public void commitNow(Consumer<?, ?> consumer, OffsetTracker tracker, Collection<TopicPartition> only) {
        if (!initialised || !settled(tracker)) {
            return;
        }
        OffsetTracker.Ready ready = tracker.ready(only == null ? consumer.assignment() : only);
        if (ready.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            for (OutgoingEvent e : ready.events()) {
                producer.send(record(e));
            }
            producer.sendOffsetsToTransaction(ready.offsets(), consumer.groupMetadata());
        } catch (KafkaException e) {
            abort("the transaction could not be filled", e);
            return;
        }
        commit(ready, tracker);
    }

    /** Finishes a commit or abort left in doubt; whether a new transaction may begin. */
    private boolean settled(OffsetTracker tracker) {
        if (abortPending) {
            abortNow();
        }
        if (!abortPending && inDoubt != null) {
            OffsetTracker.Ready again = inDoubt;
            inDoubt = null;
            commit(again, tracker);
        }
        return !abortPending && inDoubt == null;
    }

    private void commit(OffsetTracker.Ready ready, OffsetTracker tracker) {
        try {
            producer.commitTransaction();
            tracker.committed(ready.offsets());
            committed++;
            LOGGER.debug(
                    "committed a transaction of {} events and offsets {}",
                    ready.events().size(),
                    ready.offsets());
        } catch (TimeoutException e) {
            inDoubt = ready;
            LOGGER.warn("transaction commit not answered in time; retrying it before anything else");
        } catch (KafkaException e) {
            abort("the transaction was not committed", e);
        }
    }

    private void abort(String why, KafkaException cause) {
        LOGGER.warn(
                "{}; aborting it: its events stay held and its offsets uncommitted until the next commit ({})",
                why,
                cause.toString());
        abortNow();
    }

    private void abortNow() {
        try {
            producer.abortTransaction();
            abortPending = false;
            aborted++;
        } catch (TimeoutException e) {
            abortPending = true;
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "the transactional producer " + transactionalId + " can no longer transact (fenced by a newer"
                            + " producer with the same transactional id, or not authorised); the worker stops",
                    e);
        }
    }

    private static ProducerRecord<String, byte[]> record(OutgoingEvent e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
        e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    /** Transactions committed so far. */
    public long committed() {
        return committed;
    }

    /** Transactions aborted so far. */
    public long aborted() {
        return aborted;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
