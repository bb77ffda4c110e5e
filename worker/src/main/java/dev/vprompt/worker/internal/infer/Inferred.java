package dev.vprompt.worker.internal.infer;

import dev.vprompt.worker.infer.InferenceOutput;

/**
 * What the model produced for one input, together with the batch it ran in.
 *
 * @param output the inpainting of a canvas; null for an embedding
 * @param embedding the retrieval embedding of an embedding canvas; null for an inpainting
 * @param batchId the batch's id
 * @param batchSize number of units (jobs) in the batch
 * @param closedNanos when the batch closed ({@code System.nanoTime()}), for the batch-wait timing
 */
public record Inferred(InferenceOutput output, float[] embedding, String batchId, int batchSize, long closedNanos) {

    /** An inpainting. */
    public Inferred(InferenceOutput output, String batchId, int batchSize, long closedNanos) {
        this(output, null, batchId, batchSize, closedNanos);
    }
}
