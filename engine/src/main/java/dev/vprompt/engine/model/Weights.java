package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vprompt.engine.checkpoint.CheckpointException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The model's tensors by state-dict name, on the model's device and in its precision, owned by the model's manager.
 *
 * <p>Every tensor is copied into libtorch-owned memory once ({@link #put}); the source buffers may be released
 * afterwards. A training view ({@link #over}) instead references arrays the trainer owns and keeps the tensors derived
 * from them in a per-step manager, so they are re-derived (and differentiated) every step. Not thread-safe: filled
 * during construction, read-only afterwards.
 */
final class Weights {

    private static final String DERIVED = "derived:";

    private final NDManager manager;
    private final DataType dtype;
    private final boolean training;
    private final Map<String, NDArray> arrays = new HashMap<>();
    private ByteBuffer staging;
    private long parameterCount;

    Weights(NDManager manager, DataType dtype) {
        this(manager, dtype, false);
    }

    private Weights(NDManager manager, DataType dtype, boolean training) {
        this.manager = manager;
        this.dtype = dtype;
        this.training = training;
    }

    /**
     * A training view over caller-owned parameters (which may require gradients): they are referenced, not copied;
     * derived tensors and constants go to {@code scope}, which the caller closes after the step. Blocks built over it
     * avoid in-place operations on values autograd needs.
     */
    static Weights over(NDManager scope, Map<String, NDArray> parameters) {
        DataType type = parameters.isEmpty()
                ? DataType.FLOAT32
                : parameters.values().iterator().next().getDataType();
        Weights w = new Weights(scope, type, true);
        w.arrays.putAll(parameters);
        for (NDArray a : parameters.values()) {
            w.parameterCount += a.size();
        }
        return w;
    }

    /** Whether this is a training view ({@link #over}). */
    boolean training() {
        return training;
    }

    NDManager manager() {
        return manager;
    }

    DataType dtype() {
        return dtype;
    }

    /**
     * Copies one tensor onto the device in the model precision.
     *
     * @param data little-endian, contiguous, positioned at the first element, exactly the tensor's bytes
     */
    void put(String name, long[] shape, DataType source, ByteBuffer data) {
        ByteBuffer src = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (!src.isDirect()) {
            src = stage(src);
        }
        NDArray view = manager.create(src, new Shape(shape), source);
        NDArray owned;
        if (source != dtype) {
            owned = view.toType(dtype, false);
        } else if (manager.getDevice().isGpu()) {
            owned = view; // the host-to-device copy already made the device own it
        } else {
            owned = view.duplicate(); // the view borrows the Java buffer; give libtorch its own copy
        }
        if (owned != view) {
            view.close();
        }
        owned.setName(name);
        NDArray previous = arrays.put(name, owned);
        if (previous != null) {
            previous.close();
        } else {
            parameterCount += owned.size();
        }
    }

    /** Keeps a derived tensor (e.g. fused or reshaped weights) alive for the model's lifetime. */
    NDArray keep(String name, NDArray derived) {
        derived.attach(manager);
        arrays.put(DERIVED + name, derived);
        return derived;
    }

    /** The tensor, which must have been put. */
    NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new CheckpointException("model tensor '" + name + "' was not loaded");
        }
        return a;
    }

    /** The parameter tensors by name (derived tensors excluded). */
    Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new HashMap<>();
        arrays.forEach((name, a) -> {
            if (!name.startsWith(DERIVED)) {
                out.put(name, a);
            }
        });
        return out;
    }

    /** Number of scalar parameters put (derived tensors not counted). */
    long parameterCount() {
        return parameterCount;
    }

    /** Releases the staging buffer once loading is done. */
    void finishLoading() {
        staging = null;
    }

    private ByteBuffer stage(ByteBuffer heap) {
        int n = heap.remaining();
        if (staging == null || staging.capacity() < n) {
            staging = ByteBuffer.allocateDirect(Math.max(n, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer dst = staging.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        dst.clear();
        dst.put(heap.duplicate());
        dst.flip();
        return dst.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "Weights" + Arrays.toString(new Object[] {arrays.size(), dtype, manager.getDevice()});
    }
}
