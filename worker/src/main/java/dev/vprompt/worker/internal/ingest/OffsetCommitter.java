package dev.vprompt.worker.internal.ingest;

import java.util.Collection;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How a consumer group learns what the worker finished: the consumer commits offsets ({@link ConsumerCommits},
 * at-least-once delivery), or a transactional producer commits offsets together with the events of the finished jobs
 * ({@link TransactionalCommits}, exactly-once delivery). What may be committed comes from the {@link OffsetTracker}.
 *
 * <p>Threading: every method runs on the consumer thread of {@link KafkaJobSource} and may block it (never the event
 * loop).
 */
public interface OffsetCommitter {

    /** Prepares before the consumer subscribes; may block while {@code running} holds (a broker not reachable yet). */
    void start(BooleanSupplier running);

    /** Commits what is ready, without waiting where the committer can (the periodic commit). */
    void commitSoon(Consumer<?, ?> consumer, OffsetTracker tracker);

    /**
     * Commits what is ready and waits for the answer: before partitions are revoked and when the consumer closes.
     *
     * @param only the partitions to commit, or null for every assigned one
     */
    void commitNow(Consumer<?, ?> consumer, OffsetTracker tracker, Collection<TopicPartition> only);

    /** Releases what the committer holds (after the last {@link #commitNow}). */
    void close();
}
