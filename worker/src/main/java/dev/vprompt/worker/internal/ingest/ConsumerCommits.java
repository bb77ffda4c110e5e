package dev.vprompt.worker.internal.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once delivery: the consumer commits the offsets of jobs whose results and events the broker already
 * acknowledged, asynchronously between polls and synchronously before a revocation and at close. A crash between an
 * event and its commit repeats the job (and its event) on the next owner.
 *
 * <p>Threading: the consumer thread only ({@link OffsetCommitter}); the async callback runs inside that thread's poll.
 */
public final class ConsumerCommits implements OffsetCommitter {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConsumerCommits.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public void start(BooleanSupplier running) {
        // nothing to prepare
    }

    @Override
    public void commitSoon(Consumer<?, ?> consumer, OffsetTracker tracker) {
        var offsets = tracker.committable(consumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (done, error) -> {
            if (error == null) {
                tracker.committed(done);
            } else {
                LOGGER.debug("offset commit failed; the next commit retries", error);
            }
        });
    }

    @Override
    public void commitNow(Consumer<?, ?> consumer, OffsetTracker tracker, Collection<TopicPartition> only) {
        var offsets = tracker.committable(only == null ? consumer.assignment() : only);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, SYNC_TIMEOUT);
            tracker.committed(offsets);
            LOGGER.debug("committed {}", offsets);
        } catch (RuntimeException e) {
            LOGGER.warn("synchronous offset commit failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
