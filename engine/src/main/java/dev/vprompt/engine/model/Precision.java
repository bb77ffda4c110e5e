package dev.vprompt.engine.model;

import ai.djl.ndarray.types.DataType;

/** Numeric precision of the weights and activations. Half precisions run on GPUs only. */
public enum Precision {
    /** float32 everywhere: the official numerics (default). */
    FP32(DataType.FLOAT32),
    /** float16 weights and activations (GPU only). */
    FP16(DataType.FLOAT16),
    /** bfloat16 weights and activations (GPU only). */
    BF16(DataType.BFLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The DJL data type of weights and activations. */
    public DataType dataType() {
        return dataType;
    }

    /** Whether this precision needs a GPU. */
    public boolean gpuOnly() {
        return this != FP32;
    }
}
