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
