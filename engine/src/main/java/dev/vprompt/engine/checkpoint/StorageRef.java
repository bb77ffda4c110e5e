package dev.vprompt.engine.checkpoint;

import dev.vprompt.engine.checkpoint.pickle.PyGlobal;
import java.util.Map;
import java.util.Optional;

/**
 * A PyTorch storage as a checkpoint's persistent id names it: {@code ('storage', torch.FloatStorage, key, location,
 * numel)}. Its bytes live in the zip record {@code <prefix>/data/<key>} and are not read until a tensor needs them.
 *
 * @param type the storage class, e.g. {@code torch.FloatStorage}
 * @param key the record name under {@code data/}
 * @param location where the tensor lived when saved ({@code cpu}, {@code cuda:0}); ignored, everything loads to host
 * @param numel the number of elements the storage declares
 */
record StorageRef(PyGlobal type, String key, String location, long numel) {

    private static final Map<String, DType> DTYPES = Map.of(
            "FloatStorage", DType.FLOAT32,
            "HalfStorage", DType.FLOAT16,
            "BFloat16Storage", DType.BFLOAT16,
            "DoubleStorage", DType.FLOAT64,
            "LongStorage", DType.INT64,
            "IntStorage", DType.INT32,
            "ByteStorage", DType.UINT8,
            "CharStorage", DType.INT8,
            "BoolStorage", DType.BOOL);

    /** The element type, empty for storage classes this reader does not support (e.g. ShortStorage). */
    Optional<DType> dtype() {
        boolean torchModule = type.module().equals("torch") || type.module().equals("torch.cuda");
        return torchModule ? Optional.ofNullable(DTYPES.get(type.name())) : Optional.empty();
    }

    /** The storage class name for a dtype, e.g. {@code FloatStorage} for FLOAT32. */
    static String storageName(DType dtype) {
        return DTYPES.entrySet().stream()
                .filter(e -> e.getValue() == dtype)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new CheckpointException("no PyTorch storage class for " + dtype));
    }
}
