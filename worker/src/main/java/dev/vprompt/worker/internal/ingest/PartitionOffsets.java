package dev.vprompt.worker.internal.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The offsets of one partition between poll and completion. Jobs may finish in any order; the committable offset
 * is the lowest offset still pending (or one past the highest seen when nothing is pending), so a commit never
 * skips unfinished work. In exactly-once delivery it also holds the events of finished jobs until the transaction
 * that commits their offsets ({@link EventOutbox}).
 *
 * <p>Not thread-safe: {@link OffsetTracker} guards it.
 */
final class PartitionOffsets {

    private final long generation;
    private final TreeSet<Long> pending = new TreeSet<>();
    private long highestSeen = -1;
    private long lastCommitted = -1;
    private final TreeMap<Long, List<OutgoingEvent>> staged = new TreeMap<>();
    private int stagedCount;

    PartitionOffsets(long generation) {
        this.generation = generation;
    }

    long generation() {
        return generation;
    }

    void track(long offset) {
        if (highestSeen < 0) {
            // the consumer polled from the group's position: committing up to the first record changes nothing
            lastCommitted = offset;
        }
        pending.add(offset);
        highestSeen = Math.max(highestSeen, offset);
    }

    boolean complete(long offset) {
        return pending.remove(offset);
    }

    /** Holds an event of the pending record at {@code offset}; false when that record is not pending. */
    boolean stage(long offset, OutgoingEvent event) {
        if (!pending.contains(offset)) {
            return false;
        }
        staged.computeIfAbsent(offset, k -> new ArrayList<>(2)).add(event);
        stagedCount++;
        return true;
    }

    /** The events held for records below {@code next}, in offset order. */
    void stagedBelow(long next, List<OutgoingEvent> into) {
        staged.headMap(next).values().forEach(into::addAll);
    }

    int stagedCount() {
        return stagedCount;
    }

    int pendingCount() {
        return pending.size();
    }

    /** The offset to commit (the next record to read), if it moved past the last commit. */
    OptionalLong committable() {
        if (highestSeen < 0) {
            return OptionalLong.empty();
        }
        long next = pending.isEmpty() ? highestSeen + 1 : pending.first();
        return next > lastCommitted ? OptionalLong.of(next) : OptionalLong.empty();
    }

    /** Records a commit up to {@code offset}; the events held below it were published with it. */
    void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
        var below = staged.headMap(offset);
        for (List<OutgoingEvent> events : below.values()) {
            stagedCount -= events.size();
        }
        below.clear();
    }
}
