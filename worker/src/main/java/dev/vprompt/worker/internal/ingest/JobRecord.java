package dev.vprompt.worker.internal.ingest;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One polled Kafka record, copied out of the consumer so it can travel to the event loop.
 *
 * @param generation the partition-ownership generation from {@link OffsetTracker#track}
 * @param headers record headers (last value wins per key), e.g. {@code traceparent}
 */
public record JobRecord(
        TopicPartition partition,
        long offset,
        long generation,
        byte[] key,
        byte[] value,
        Map<String, byte[]> headers,
        long timestamp) {

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
