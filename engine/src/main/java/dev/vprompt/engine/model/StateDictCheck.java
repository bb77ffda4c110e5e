package dev.vprompt.engine.model;

import ai.djl.ndarray.types.DataType;
import dev.vprompt.engine.checkpoint.CheckpointException;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Checks that a state dict holds every tensor a model needs, with the right shape and a float type. Thread-safe. */
final class StateDictCheck {

    private StateDictCheck() {}

    /** Throws one {@link CheckpointException} listing every missing, mis-shaped or non-float tensor. */
    static void requireFits(StateDict sd, Map<String, long[]> expected) {
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TensorData t = sd.find(e.getKey()).orElse(null);
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.add(e.getKey() + " has shape " + Arrays.toString(t.shape()) + ", expected "
                        + Arrays.toString(e.getValue()));
            } else if (dataType(t.dtype()) == null) {
                problems.add(e.getKey() + " has type " + t.dtype() + ", expected a floating-point type");
            } else if (t.data().remaining() != t.numel() * t.dtype().bytes()) {
                problems.add(e.getKey() + " has " + t.data().remaining() + " data bytes, expected "
                        + t.numel() * t.dtype().bytes());
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, missing.size() + " missing tensor(s): " + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException("checkpoint does not fit the model config (" + expected.size()
                    + " tensors expected): " + String.join("; ", problems));
        }
    }

    /** The DJL type of a floating-point checkpoint type, or {@code null} for any other type. */
    static DataType dataType(DType t) {
        return switch (t) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            case BFLOAT16 -> DataType.BFLOAT16;
            case FLOAT64 -> DataType.FLOAT64;
            default -> null;
        };
    }
}
