package dev.vprompt.worker.internal.infer;

import java.util.List;
import java.util.Locale;

/**
 * Recognises a device that ran out of memory in what a backend threw. libtorch's allocators report it as text that DJL
 * passes on in an {@code ai.djl.engine.EngineException}: the CUDA caching allocator ("CUDA out of memory. Tried to
 * allocate ..."), cuBLAS/cuDNN handles that could not be allocated ("CUBLAS_STATUS_ALLOC_FAILED"), and the CPU
 * allocator ("DefaultCPUAllocator: can't allocate memory"). A Java {@link OutOfMemoryError} (the host heap) counts too.
 * The class alone says nothing: the same exception type carries every other engine error. Stateless.
 */
final class OutOfMemory {

    private static final List<String> PHRASES =
            List.of("out of memory", "can't allocate memory", "status_alloc_failed", "cudaerrormemoryallocation");
    private static final int MAX_CAUSES = 8;

    private OutOfMemory() {}

    /** Whether {@code error} or one of its causes says that memory ran out. */
    static boolean is(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (PHRASES.stream().anyMatch(lower::contains)) {
                    return true;
                }
            }
        }
        return false;
    }
}
