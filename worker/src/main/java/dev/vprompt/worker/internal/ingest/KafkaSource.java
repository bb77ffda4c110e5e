package dev.vprompt.worker.internal.ingest;

import java.time.Duration;

/**
 * A {@link JobSource} backed by a Kafka consumer on its own thread, with what the worker's lifecycle, health and
 * metrics read from it. Two implementations, chosen by {@code kafka.consumerMode}: {@link KafkaJobSource} (a consumer
 * group) and {@link KafkaShareJobSource} (a share group).
 *
 * <p>Threading: every method may be called from any thread and, except {@link #stop}, returns without blocking.
 */
public interface KafkaSource extends JobSource {

    /** Where the flow reports what became of each delivered record. */
    RecordOutcomes outcomes();

    /** Whether the consumer has joined its group (a consumer group: holds an assignment, possibly empty). */
    boolean isAssigned();

    /** Records waiting to be consumed, as last measured (0 when unknown). */
    long lag();

    /** Partitions paused by back-pressure (a share group pauses by not polling: always 0). */
    int pausedPartitions();

    /** Records delivered and not yet settled. */
    int inFlight();

    /** Stops polling, settles what it can with the broker and closes the consumer; waits up to {@code timeout}. */
    void stop(Duration timeout);
}
