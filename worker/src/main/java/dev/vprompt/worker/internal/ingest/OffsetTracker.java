package dev.vprompt.worker.internal.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks, per partition, which polled records are fully published, and answers which offsets are safe to commit:
 * only up to the lowest job still in flight, even when later jobs finished first.
 *
 * <p>As the consumer group's {@link RecordOutcomes}: a settled record completes its offset; an abandoned one stays
 * pending, so no commit passes it and it is delivered again after a restart or rebalance.
 *
 * <p>Thread-safe (all methods synchronized): jobs complete on the event loop, while commits on rebalance happen on
 * the consumer thread.
 */
public final class OffsetTracker implements RecordOutcomes {

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
    private long generations;

    /**
     * Registers a polled record as in flight.
     *
     * @return the generation of this partition's ownership; a partition revoked and assigned again gets a new one
     */
    public synchronized long track(TopicPartition tp, long offset) {
        PartitionOffsets po = partitions.computeIfAbsent(tp, k -> new PartitionOffsets(++generations));
        po.track(offset);
        return po.generation();
    }

    /**
     * Marks a record as fully published.
     *
     * @return false when the partition was revoked since the record was polled, or the offset was unknown
     */
    public synchronized boolean complete(TopicPartition tp, long generation, long offset) {
        PartitionOffsets po = partitions.get(tp);
        return po != null && po.generation() == generation && po.complete(offset);
    }

    /** Whether this worker still owns the partition in the generation a record was polled in. */
    public synchronized boolean isCurrent(TopicPartition tp, long generation) {
        PartitionOffsets po = partitions.get(tp);
        return po != null && po.generation() == generation;
    }

    @Override
    public boolean mayPublish(JobRecord r) {
        return isCurrent(r.partition(), r.generation());
    }

    @Override
    public boolean succeeded(JobRecord r) {
        return complete(r.partition(), r.generation(), r.offset());
    }

    @Override
    public boolean deadLettered(JobRecord r) {
        return complete(r.partition(), r.generation(), r.offset());
    }

    /** Leaves the offset pending: commits stop below it until the partition is revoked or the worker restarts. */
    @Override
    public void abandoned(JobRecord r) {
        // nothing to do: the record stays uncommitted
    }

    /** Offsets that may be committed now, for all partitions or only {@code only} when not null. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, po) -> {
            if (only == null || only.contains(tp)) {
                OptionalLong next = po.committable();
                if (next.isPresent()) {
                    out.put(tp, new OffsetAndMetadata(next.getAsLong()));
                }
            }
        });
        return out;
    }

    /** Records a successful commit so the same offsets are not committed again. */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, om) -> {
            PartitionOffsets po = partitions.get(tp);
            if (po != null) {
                po.committed(om.offset());
            }
        });
    }

    /** Forgets revoked or lost partitions: their in-flight jobs will not be committed by this worker. */
    public synchronized void forget(Collection<TopicPartition> tps) {
        tps.forEach(partitions::remove);
    }

    public synchronized int pendingCount() {
        return partitions.values().stream()
                .mapToInt(PartitionOffsets::pendingCount)
                .sum();
    }
}
