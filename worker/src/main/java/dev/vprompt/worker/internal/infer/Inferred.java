package dev.vprompt.worker.internal.infer;

import dev.vprompt.worker.infer.InferenceOutput;

/**
 * An inference output together with the batch it ran in.
 *
 * @param closedNanos when the batch closed ({@code System.nanoTime()}), for the batch-wait timing
 */
public record Inferred(InferenceOutput output, String batchId, int batchSize, long closedNanos) {}
