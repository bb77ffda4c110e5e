package dev.vprompt.worker.internal.infer;

import dev.vprompt.worker.infer.InferenceOutput;

/**
 * What one canvas of a batch came to on a device: its output, or the failure of the call that ran it alone.
 *
 * @param output the model's inpainting; null when the item failed or was embedded
 * @param embedding the retrieval embedding of an embedding canvas; null otherwise
 * @param failure why the item failed when run alone (or in the smallest call an out-of-memory split reached)
 * @param callSize how many canvases the forward pass that produced it held (smaller than the batch after a split)
 */
record ItemResult(InferenceOutput output, float[] embedding, Throwable failure, int callSize) {

    static ItemResult ok(InferenceOutput output, int callSize) {
        return new ItemResult(output, null, null, callSize);
    }

    static ItemResult embedded(float[] embedding, int callSize) {
        return new ItemResult(null, embedding, null, callSize);
    }

    static ItemResult failed(Throwable failure) {
        return new ItemResult(null, null, failure, 1);
    }

    boolean succeeded() {
        return failure == null;
    }
}
