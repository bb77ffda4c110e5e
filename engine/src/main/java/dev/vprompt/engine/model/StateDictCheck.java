package dev.vprompt.engine.model;

import ai.djl.ndarray.types.DataType;
import dev.vprompt.common.Problems;
import dev.vprompt.engine.checkpoint.CheckpointException;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.ModelKeys;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import java.util.Map;

/**
 * Checks that a state dict holds every tensor a model needs: names and shapes via {@link ModelKeys}, then a
 * floating-point type and a data size matching the shape. Stateless; thread-safe.
 */
final class StateDictCheck {

    private StateDictCheck() {}

    /**
     * @throws CheckpointException listing every missing and mis-shaped tensor, or else every tensor of a
     *     non-float type or with the wrong number of data bytes
     */
    static void requireFits(StateDict sd, Map<String, long[]> expected) {
        ModelKeys.requireShapes(sd, expected);
        Problems problems = new Problems();
        for (String name : expected.keySet()) {
            TensorData t = sd.get(name);
            if (dataType(t.dtype()) == null) {
                problems.add(name + " has type " + t.dtype() + ", expected a floating-point type");
            } else if (t.data().remaining() != t.numel() * t.dtype().bytes()) {
                problems.add(name + " has " + t.data().remaining() + " data bytes, expected "
                        + t.numel() * t.dtype().bytes());
            }
        }
        problems.throwIfAny(p -> new CheckpointException("state dict does not fit the model: " + String.join("; ", p)));
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
