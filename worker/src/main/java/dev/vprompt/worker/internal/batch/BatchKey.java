package dev.vprompt.worker.internal.batch;

import java.util.Objects;

/**
 * Units share a batch only when they run on the same model, do the same work and keep the same number of visible
 * patches.
 */
public record BatchKey(String modelId, int keptCount, Work work) {

    /** What the model call computes. */
    public enum Work {
        /** Inpaint canvases (the answer of a prompt). */
        INPAINT,
        /** Embed images for example retrieval (encoder only). */
        EMBED
    }

    public BatchKey {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(work, "work");
    }

    /** An inpainting key. */
    public BatchKey(String modelId, int keptCount) {
        this(modelId, keptCount, Work.INPAINT);
    }
}
