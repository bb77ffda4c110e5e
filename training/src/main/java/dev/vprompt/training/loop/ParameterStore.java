package dev.vprompt.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vprompt.engine.checkpoint.CheckpointException;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The parameters a trainer updates, by official state-dict name and in state-dict order, float32, in one manager
 * that the store owns. Converts to and from checkpoint {@link StateDict}s.
 *
 * <p>Not thread-safe: confine to the training thread.
 */
public final class ParameterStore implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    private ParameterStore(NDManager manager) {
        this.manager = manager;
    }

    /** A store owning {@code initial} (attached to a new manager under {@code parent}). */
    public static ParameterStore of(NDManager parent, Map<String, NDArray> initial) {
        ParameterStore s = new ParameterStore(parent.newSubManager());
        initial.forEach((name, a) -> {
            a.attach(s.manager);
            s.arrays.put(name, a);
        });
        return s;
    }

    /** The live arrays by name (read-only view; the arrays themselves are updated in place). */
    public Map<String, NDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return a;
    }

    /** Replaces a parameter's array (e.g. a codebook recomputed outside autograd); the old one is closed. */
    public void replace(String name, NDArray value) {
        NDArray old = get(name);
        if (!old.getShape().equals(value.getShape())) {
            throw new IllegalArgumentException(name + ": shape " + value.getShape() + " != " + old.getShape());
        }
        value.attach(manager);
        arrays.put(name, value);
        old.close();
    }

    /** The manager the parameters live in (optimizer state goes here too). */
    public NDManager manager() {
        return manager;
    }

    /** Marks the parameters {@code which} accepts as trainable (they collect gradients). */
    public void requireGradients(Predicate<String> which) {
        arrays.forEach((name, a) -> {
            if (which.test(name)) {
                a.setRequiresGradient(true);
            }
        });
    }

    /** Copies the values of every tensor {@code sd} holds under a name of this store (shapes must agree). */
    public void load(StateDict sd, Predicate<String> which) {
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            if (!which.test(e.getKey())) {
                continue;
            }
            TensorData t = sd.find(e.getKey())
                    .orElseThrow(() -> new CheckpointException("checkpoint has no tensor '" + e.getKey() + "'"));
            NDArray value = toArray(manager, t);
            NDArray old = e.getValue();
            if (!old.getShape().equals(value.getShape())) {
                throw new CheckpointException(
                        e.getKey() + ": checkpoint shape " + value.getShape() + " != model shape " + old.getShape());
            }
            boolean grad = old.hasGradient();
            old.close();
            if (grad) {
                value.setRequiresGradient(true);
            }
            e.setValue(value);
        }
    }

    /** The parameters {@code which} accepts as a state dict of host copies in {@code dtype} (float32 or float16). */
    public StateDict toStateDict(Predicate<String> which, DType dtype) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> {
            if (which.test(name)) {
                out.put(name, toTensor(name, a, dtype));
            }
        });
        return new StateDict(out);
    }

    /** A host copy of an array as checkpoint tensor data. */
    public static TensorData toTensor(String name, NDArray a, DType dtype) {
        DataType type = switch (dtype) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            case INT64 -> DataType.INT64;
            default -> throw new IllegalArgumentException("unsupported export type " + dtype);
        };
        NDArray converted = a.getDataType() == type ? a : a.toType(type, false);
        try {
            ByteBuffer src = converted.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer copy = ByteBuffer.allocate(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            copy.put(src.duplicate());
            copy.flip();
            return new TensorData(
                    name,
                    a.getShape().getShape(),
                    dtype,
                    copy.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        } finally {
            if (converted != a) {
                converted.close();
            }
        }
    }

    /** A float32 (or int64) array owned by {@code m} holding a checkpoint tensor's values. */
    public static NDArray toArray(NDManager m, TensorData t) {
        DataType source = switch (t.dtype()) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            case FLOAT64 -> DataType.FLOAT64;
            case INT64 -> DataType.INT64;
            default -> throw new CheckpointException(t + ": unsupported type");
        };
        ByteBuffer direct = ByteBuffer.allocateDirect(t.data().remaining()).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(t.data().duplicate());
        direct.flip();
        DataType target = source == DataType.INT64 ? DataType.INT64 : DataType.FLOAT32;
        // The view borrows the direct buffer, which is freed once the view is gone, so the result must own its
        // memory: toType(sameType, true) would not copy (DJL's PyTorch engine returns a tensor sharing the storage).
        try (NDArray view = m.create(direct, new Shape(t.shape()), source)) {
            return source == target ? view.duplicate() : view.toType(target, false);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
