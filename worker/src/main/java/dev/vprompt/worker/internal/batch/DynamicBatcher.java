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
 * Groups inference items into batches: one queue per {@link BatchKey}; a queue's batch closes when it holds
 * {@code maxBatchSize} items or when its oldest item has waited {@code maxBatchDelay}. Within a queue higher
 * {@code priority} goes first, then arrival order. Items past their deadline fail with DEADLINE_EXCEEDED instead of
 * running. A full batcher rejects at once ({@link BatcherFullException}).
 *
 * <p>Thread-safe: producers call {@link #submit} from any thread; each inference thread blocks in {@link #take()}.
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    private static final Comparator<BatchItem<?, ?>> ORDER =
            Comparator.<BatchItem<?, ?>>comparingInt(i -> -i.priority()).thenComparingLong(BatchItem::sequence);

    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final String idPrefix;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<BatchKey, PriorityQueue<BatchItem<I, O>>> queues = new HashMap<>();
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
     * Queues one item.
     *
     * @return the item's result, completed by the inference thread
     * @throws BatcherFullException when {@code queueCapacity} items are waiting
     */
    public CompletableFuture<O> submit(BatchKey key, String jobId, I input, int priority, long deadlineMillis) {
        CompletableFuture<O> result = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("batcher is closed");
            }
            if (queued >= capacity) {
                throw new BatcherFullException(capacity);
            }
            BatchItem<I, O> item =
                    new BatchItem<>(jobId, input, priority, deadlineMillis, nanoTime.getAsLong(), sequence++, result);
            queues.computeIfAbsent(key, k -> new PriorityQueue<>(ORDER)).add(item);
            queued++;
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
                for (Map.Entry<BatchKey, PriorityQueue<BatchItem<I, O>>> e : queues.entrySet()) {
                    PriorityQueue<BatchItem<I, O>> q = e.getValue();
                    if (q.isEmpty()) {
                        continue;
                    }
                    long oldest = oldest(q);
                    long due = oldest + maxDelayNanos;
                    if (q.size() >= maxBatchSize || due <= now || closed) {
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

    private long oldest(PriorityQueue<BatchItem<I, O>> q) {
        long min = Long.MAX_VALUE;
        for (BatchItem<I, O> i : q) {
            min = Math.min(min, i.enqueuedNanos());
        }
        return min;
    }

    private Batch<I, O> drain(BatchKey key, long now) {
        PriorityQueue<BatchItem<I, O>> q = queues.get(key);
        List<BatchItem<I, O>> items = new ArrayList<>(Math.min(q.size(), maxBatchSize));
        while (!q.isEmpty() && items.size() < maxBatchSize) {
            items.add(q.poll());
        }
        queued -= items.size();
        if (q.isEmpty()) {
            queues.remove(key);
        }
        return new Batch<>(idPrefix + "-" + (++batches), key, List.copyOf(items), now);
    }

    private void failExpired() {
        long nowMillis = clock.millis();
        for (Iterator<PriorityQueue<BatchItem<I, O>>> qi = queues.values().iterator(); qi.hasNext(); ) {
            PriorityQueue<BatchItem<I, O>> q = qi.next();
            for (Iterator<BatchItem<I, O>> it = q.iterator(); it.hasNext(); ) {
                BatchItem<I, O> item = it.next();
                if (item.deadlineMillis() < nowMillis) {
                    it.remove();
                    queued--;
                    item.result()
                            .completeExceptionally(JobFailure.permanent(
                                    ErrorCode.DEADLINE_EXCEEDED, "deadline passed while waiting for inference"));
                }
            }
            if (q.isEmpty()) {
                qi.remove();
            }
        }
    }

    public int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting items; queued items are still handed out as (possibly partial) batches, then take() gives null. */
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
