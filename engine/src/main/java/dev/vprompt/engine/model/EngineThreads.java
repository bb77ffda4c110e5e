package dev.vprompt.engine.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op threads: how many threads one CPU operator (a matrix product, a convolution) splits its work
 * over. libtorch keeps the count per calling thread: a thread adopts the process-wide value last set when it runs its
 * first operator, and a later change made on another thread does not reach it. So each inference thread sets its own
 * count before it builds its model ({@code ai.djl.pytorch.num_threads} only reaches the thread that starts the engine
 * and threads that start afterwards). Inter-op threads serve TorchScript's {@code fork} only; eager inference does not
 * use them.
 *
 * <p>The count changes the order of floating-point sums: the same model and input can give outputs that differ in the
 * last bits (a pasted pixel value by one) between two thread counts; with one count the results repeat exactly.
 *
 * <p>Thread-safe: each call affects the calling thread (and the default of threads that have not run an operator).
 */
public final class EngineThreads {

    private static final String ENGINE = "PyTorch";

    private EngineThreads() {}

    /** Sets the intra-op thread count of the calling thread (starts the PyTorch engine if needed). */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, was " + threads);
        }
        Engine.getEngine(ENGINE);
        JniUtils.setNumThreads(threads);
    }

    /** The intra-op thread count of the calling thread. */
    public static int intraOpThreads() {
        Engine.getEngine(ENGINE);
        return JniUtils.getNumThreads();
    }
}
