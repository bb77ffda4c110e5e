package dev.vprompt.worker.internal.ingest;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one partition between poll and completion. Jobs may finish in any order; the committable offset
 * is the lowest offset still pending (or one past the highest seen when nothing is pending), so a commit never
 * skips unfinished work.
 *
 * <p>Not thread-safe: {@link OffsetTracker} guards it.
 */
final class PartitionOffsets {

    private final long generation;
    private final TreeSet<Long> pending = new TreeSet<>();
    private long highestSeen = -1;
    private long lastCommitted = -1;

    PartitionOffsets(long generation) {
        this.generation = generation;
    }

    long generation() {
        return generation;
    }

    void track(long offset) {
        pending.add(offset);
        highestSeen = Math.max(highestSeen, offset);
    }

    boolean complete(long offset) {
        return pending.remove(offset);
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

    void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
    }
}
