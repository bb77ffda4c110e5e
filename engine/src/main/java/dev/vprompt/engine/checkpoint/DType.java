package dev.vprompt.engine.checkpoint;

/** Element types a checkpoint tensor may have. */
public enum DType {
    FLOAT32(4),
    FLOAT16(2),
    BFLOAT16(2),
    FLOAT64(8),
    INT64(8),
    INT32(4),
    INT8(1),
    UINT8(1),
    BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
