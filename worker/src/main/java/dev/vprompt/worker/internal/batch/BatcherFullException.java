package dev.vprompt.worker.internal.batch;

/** The batcher's queues are at capacity: back off instead of queueing without bound. */
public final class BatcherFullException extends RuntimeException {

    public BatcherFullException(int capacity) {
        super("batch queue is full (" + capacity + " items)");
    }
}
