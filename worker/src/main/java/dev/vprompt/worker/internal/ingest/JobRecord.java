package dev.vprompt.worker.internal.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One polled Kafka record, copied out of the consumer so it can travel to the event loop.
 *
 * @param generation the partition-ownership generation from {@link OffsetTracker#track}
 * @param headers record headers (last value wins per key), e.g. {@code traceparent}
 * @param deliveryCount how often a share group has delivered this record, this time included; 0 in a consumer group
 *     (unknown)
 * @param deliveryLimit the share group's {@code share.delivery.count.limit}; 0 when there is none (consumer group)
 */
public record JobRecord(
        TopicPartition partition,
        long offset,
        long generation,
        byte[] key,
        byte[] value,
        Map<String, byte[]> headers,
        long timestamp,
        int deliveryCount,
        int deliveryLimit) {

    /** A record polled by a consumer group: delivery counts are unknown and unlimited. */
    public JobRecord(
            TopicPartition partition,
            long offset,
            long generation,
            byte[] key,
            byte[] value,
            Map<String, byte[]> headers,
            long timestamp) {
        this(partition, offset, generation, key, value, headers, timestamp, 0, 0);
    }

    /**
     * Whether this delivery is the last one the share group allows: should it fail again (a crash, a lock that ran
     * out), the broker would archive the record without a trace, so the worker dead-letters it instead of running it.
     */
    public boolean deliveryLimitReached() {
        return deliveryLimit > 0 && deliveryCount >= deliveryLimit;
    }

    /** Longest record key taken as a job id when the value cannot be decoded. */
    public static final int MAX_KEY_JOB_ID_BYTES = 256;

    /**
     * The id to report for a record whose value could not be decoded: its key, when that is valid UTF-8 of at most
     * {@link #MAX_KEY_JOB_ID_BYTES} bytes (producers key jobs by jobId), else {@code unknown-<topic>-<partition>-<offset>}.
     */
    public String jobIdFromKey() {
        if (key != null && key.length > 0 && key.length <= MAX_KEY_JOB_ID_BYTES) {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(ByteBuffer.wrap(key))
                        .toString();
            } catch (CharacterCodingException ignored) {
                // not text: fall through to the record's position
            }
        }
        return "unknown-" + partition.topic() + "-" + partition.partition() + "-" + offset;
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
