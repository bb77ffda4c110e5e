package dev.vprompt.worker.internal.batch;

import java.util.concurrent.CompletableFuture;

/**
 * One unit of inference work waiting in the batcher, with its own future: a failed batch fails only its items.
 *
 * @param deadlineMillis epoch millis after which the item must not run; {@code Long.MAX_VALUE} for none
 */
public record BatchItem<I, O>(
        String jobId,
        I input,
        int priority,
        long deadlineMillis,
        long enqueuedNanos,
        long sequence,
        CompletableFuture<O> result) {}
