package dev.vprompt.worker.internal.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks, per partition, which polled records are fully published, and answers which offsets are safe to commit:
 * only up to the lowest job still in flight, even when later jobs finished first.
 *
 * <p>As an {@link EventOutbox} (exactly-once delivery) it holds each finished job's events until its offset is committed
 * with them: {@link #ready} hands out both, {@link #committed} lets them go.
 *
 * <p>As the consumer group's {@link RecordOutcomes}: a settled record completes its offset; an abandoned one stays
 * pending, so no commit passes it and it is delivered again after a restart or rebalance.
 *
 * <p>Thread-safe (all methods synchronized): jobs complete on the event loop, while commits on rebalance happen on
 * the consumer thread.
 */
public final class OffsetTracker implements RecordOutcomes, EventOutbox {

    /**
     * What one commit carries: the offsets to commit and, in exactly-once delivery, the events of the finished jobs
     * below them.
     */
    public record Ready(Map<TopicPartition, OffsetAndMetadata> offsets, List<OutgoingEvent> events) {

        public boolean isEmpty() {
            return offsets.isEmpty();
        }
    }

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

    @Override
    public synchronized boolean stage(JobRecord origin, OutgoingEvent event) {
        PartitionOffsets po = partitions.get(origin.partition());
        return po != null && po.generation() == origin.generation() && po.stage(origin.offset(), event);
    }

    /** Events held for jobs whose offsets are not committed yet. */
    public synchronized int stagedCount() {
        return partitions.values().stream()
                .mapToInt(PartitionOffsets::stagedCount)
                .sum();
    }

    /**
     * The offsets that may be committed now and the events held below them, for all partitions or only {@code only}
     * when not null. Nothing changes until {@link #committed}.
     */
    public synchronized Ready ready(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(only);
        List<OutgoingEvent> events = new ArrayList<>();
        offsets.forEach((tp, om) -> partitions.get(tp).stagedBelow(om.offset(), events));
        return new Ready(offsets, events);
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

    /** Records a successful commit so the same offsets (and the events held below them) are not committed again. */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, om) -> {
            PartitionOffsets po = partitions.get(tp);
            if (po != null) {
                po.committed(om.offset());
            }
        });
    }

    /**
     * Forgets revoked or lost partitions: their in-flight jobs will not be committed by this worker, and the events
     * held for them are dropped (their jobs are delivered again to the partition's next owner).
     */
    public synchronized void forget(Collection<TopicPartition> tps) {
        tps.forEach(partitions::remove);
    }

    public synchronized int pendingCount() {
        return partitions.values().stream()
                .mapToInt(PartitionOffsets::pendingCount)
                .sum();
    }
}
