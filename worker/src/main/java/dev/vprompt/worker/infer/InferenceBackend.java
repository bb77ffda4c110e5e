package dev.vprompt.worker.infer;

import dev.vprompt.engine.canvas.Canvas;
import java.util.List;

/**
 * A model bound to one device. Not thread-safe: exactly one inference thread owns a backend, creates
 * nothing else on it and closes it when it stops.
 */
public interface InferenceBackend extends AutoCloseable {

    /** Runs one batched forward pass; all canvases have the same kept-patch count. */
    List<InferenceOutput> infer(List<Canvas> canvases);

    /**
     * Embeds images for example retrieval in one batched pass: each canvas is an embedding canvas
     * ({@code CanvasBuilder.embedding}); the result is one unit-length vector per canvas, in order. Backends that
     * cannot embed throw {@link UnsupportedOperationException} (jobs that name an example pool then fail).
     */
    default List<float[]> embed(List<Canvas> canvases) {
        throw new UnsupportedOperationException(device() + " backend does not embed images");
    }

    String device();

    /** NDArrays the backend holds between calls (its weights); {@code 0} for a backend without any. */
    default int liveArrays() {
        return 0;
    }

    /**
     * Frees memory the device keeps cached after a failed call (an out-of-memory error), before a smaller retry. Does
     * nothing by default and on the CPU.
     */
    default void releaseCachedMemory() {}

    @Override
    void close();
}
