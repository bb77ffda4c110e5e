package dev.vprompt.worker.internal.batch;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Inputs of one job that must run in the same model call, waiting in the batcher with their own future: a batch
 * never splits a unit, and a failed batch fails only its units (re-run one unit at a time). A single canvas is a unit
 * of one; the eight arrangements of an ensemble or the canvases of an example fusion are one unit.
 *
 * @param deadlineMillis epoch millis after which the unit must not run; {@code Long.MAX_VALUE} for none
 * @param result the unit's outputs, one per input in order, completed by the inference thread
 */
public record BatchUnit<I, O>(
        String jobId,
        List<I> inputs,
        int priority,
        long deadlineMillis,
        long enqueuedNanos,
        long sequence,
        CompletableFuture<List<O>> result) {

    public BatchUnit {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a unit needs at least one input");
        }
    }

    /** Number of inputs, what the unit counts against {@code maxBatchSize}. */
    public int size() {
        return inputs.size();
    }
}
