package dev.vprompt.worker.internal.batch;

import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Groups inference units into batches: one queue per {@link BatchKey}; a queue's batch closes when it holds
 * {@code maxBatchSize} inputs or when its oldest unit has waited {@code maxBatchDelay}. Within a queue higher
 * {@code priority} goes first, then arrival order. Items past their deadline fail with DEADLINE_EXCEEDED instead of
 * running. A full batcher rejects at once ({@link BatcherFullException}).
 *
 * <p>Units: a unit's inputs always run in the same batch ({@link #submitUnit}). Every input counts against
 * {@code maxBatchSize} and {@code queueCapacity}. A batch takes the queue's units in order; a unit larger than the
 * space left stays queued, in its place, and smaller units behind it may fill the space. Since every batch starts with
 * the queue's first unit, a unit waits at most one batch for space. A unit larger than {@code maxBatchSize} could never
 * run and is refused at submission ({@link UnitTooLargeException}); the worker checks jobs against that bound before
 * any I/O.
 *
 * <p>Thread-safe: producers call {@link #submit} from any thread; each inference thread blocks in {@link #take()}.
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    /** Higher priority first (compared, never negated: {@code -Integer.MIN_VALUE} overflows), then arrival. */
    private static final Comparator<BatchUnit<?, ?>> ORDER = Comparator.<BatchUnit<?, ?>>comparingInt(
                    BatchUnit::priority)
            .reversed()
            .thenComparingLong(BatchUnit::sequence);

    /** One key's waiting units and how many inputs they hold. */
    private static final class Queue<I, O> {
        final PriorityQueue<BatchUnit<I, O>> units = new PriorityQueue<>(ORDER);
        int inputs;
    }

    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final String idPrefix;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<BatchKey, Queue<I, O>> queues = new HashMap<>();
    private int queued;
    private long sequence;
    private long batches;
    private boolean closed;

    public DynamicBatcher(BatchSettings settings, String idPrefix) {
        this(settings, idPrefix, System::nanoTime, Clock.systemUTC());
    }

    DynamicBatcher(BatchSettings settings, String idPrefix, LongSupplier nanoTime, Clock clock) {
        this.maxBatchSize = settings.maxBatchSize();
        this.maxDelayNanos = settings.maxBatchDelay().toNanos();
        this.capacity = settings.queueCapacity();
        this.idPrefix = idPrefix;
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    /**
     * Queues one input as a unit of its own.
     *
     * @return its output, completed by the inference thread
     * @throws BatcherFullException when the queues hold {@code queueCapacity} inputs
     * @throws JobFailure a {@link JobFailure#redeliver} failure once the batcher is closed (the worker is stopping)
     */
    public CompletableFuture<O> submit(BatchKey key, String jobId, I input, int priority, long deadlineMillis) {
        return submitUnit(key, jobId, List.of(input), priority, deadlineMillis).thenApply(out -> out.get(0));
    }

    /**
     * Queues inputs that must run in one model call.
     *
     * @return their outputs in order, completed by the inference thread
     * @throws BatcherFullException when the unit does not fit in {@code queueCapacity} (transient)
     * @throws UnitTooLargeException when the unit holds more than {@code maxBatchSize} inputs (never fits)
     * @throws JobFailure a {@link JobFailure#redeliver} failure once the batcher is closed (the worker is stopping)
     */
    public CompletableFuture<List<O>> submitUnit(
            BatchKey key, String jobId, List<I> inputs, int priority, long deadlineMillis) {
        if (inputs.size() > maxBatchSize) {
            throw new UnitTooLargeException(inputs.size(), maxBatchSize);
        }
        CompletableFuture<List<O>> result = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                throw JobFailure.redeliver("batcher is closed: the worker is stopping");
            }
            if (queued + inputs.size() > capacity) {
                throw new BatcherFullException(capacity);
            }
            BatchUnit<I, O> unit =
                    new BatchUnit<>(jobId, inputs, priority, deadlineMillis, nanoTime.getAsLong(), sequence++, result);
            Queue<I, O> q = queues.computeIfAbsent(key, k -> new Queue<>());
            q.units.add(unit);
            q.inputs += unit.size();
            queued += unit.size();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return result;
    }

    /**
     * Blocks until a batch is ready and returns it, or returns null once the batcher is closed and empty.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public Batch<I, O> take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                failExpired();
                long now = nanoTime.getAsLong();
                BatchKey ready = null;
                long waitNanos = Long.MAX_VALUE;
                long readySince = Long.MAX_VALUE;
                for (Map.Entry<BatchKey, Queue<I, O>> e : queues.entrySet()) {
                    Queue<I, O> q = e.getValue();
                    long oldest = oldest(q);
                    long due = oldest + maxDelayNanos;
                    if (q.inputs >= maxBatchSize || due <= now || closed) {
                        if (oldest < readySince) {
                            ready = e.getKey();
                            readySince = oldest;
                        }
                    } else {
                        waitNanos = Math.min(waitNanos, due - now);
                    }
                }
                if (ready != null) {
                    return drain(ready, now);
                }
                if (closed) {
                    return null;
                }
                if (waitNanos == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(waitNanos);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private long oldest(Queue<I, O> q) {
        long min = Long.MAX_VALUE;
        for (BatchUnit<I, O> u : q.units) {
            min = Math.min(min, u.enqueuedNanos());
        }
        return min;
    }

    /** The queue's units in order while they fit; a unit that does not fit keeps its place for the next batch. */
    private Batch<I, O> drain(BatchKey key, long now) {
        Queue<I, O> q = queues.get(key);
        List<BatchUnit<I, O>> taken = new ArrayList<>();
        List<BatchUnit<I, O>> skipped = new ArrayList<>();
        int space = maxBatchSize;
        while (!q.units.isEmpty() && space > 0) {
            BatchUnit<I, O> u = q.units.poll();
            if (u.size() <= space) {
                taken.add(u);
                space -= u.size();
            } else {
                skipped.add(u);
            }
        }
        q.units.addAll(skipped);
        int inputs = maxBatchSize - space;
        q.inputs -= inputs;
        queued -= inputs;
        if (q.units.isEmpty()) {
            queues.remove(key);
        }
        return new Batch<>(idPrefix + "-" + (++batches), key, taken, now);
    }

    private void failExpired() {
        long nowMillis = clock.millis();
        for (Iterator<Queue<I, O>> qi = queues.values().iterator(); qi.hasNext(); ) {
            Queue<I, O> q = qi.next();
            for (Iterator<BatchUnit<I, O>> it = q.units.iterator(); it.hasNext(); ) {
                BatchUnit<I, O> unit = it.next();
                if (unit.deadlineMillis() < nowMillis) {
                    it.remove();
                    q.inputs -= unit.size();
                    queued -= unit.size();
                    unit.result()
                            .completeExceptionally(JobFailure.permanent(
                                    ErrorCode.DEADLINE_EXCEEDED, "deadline passed while waiting for inference"));
                }
            }
            if (q.units.isEmpty()) {
                qi.remove();
            }
        }
    }

    /** Inputs waiting, over all queues. */
    public int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** The most inputs a unit may hold. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** Stops accepting units; queued units are still handed out as (possibly partial) batches, then take() gives null. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
