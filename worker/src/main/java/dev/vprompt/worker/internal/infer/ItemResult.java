package dev.vprompt.worker.internal.infer;

import dev.vprompt.worker.infer.InferenceOutput;

/**
 * What one canvas of a batch came to on a device: its output, or the failure of the call that ran it alone.
 *
 * @param output the model's output; null when the item failed
 * @param failure why the item failed when run alone (or in the smallest call an out-of-memory split reached)
 * @param callSize how many canvases the forward pass that produced it held (smaller than the batch after a split)
 */
record ItemResult(InferenceOutput output, Throwable failure, int callSize) {

    static ItemResult ok(InferenceOutput output, int callSize) {
        return new ItemResult(output, null, callSize);
    }

    static ItemResult failed(Throwable failure) {
        return new ItemResult(null, failure, 1);
    }

    boolean succeeded() {
        return failure == null;
    }
}
