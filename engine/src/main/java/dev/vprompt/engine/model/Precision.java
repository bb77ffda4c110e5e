package dev.vprompt.engine.model;

import ai.djl.ndarray.types.DataType;

/**
 * Numeric precision of the weights and activations, and which devices can run it with DJL's PyTorch engine.
 *
 * <p>What runs was measured, not assumed (DJL 0.32.0, libtorch 2.5.1): every operator of the forward pass runs in
 * float16 on the CPU as well as on GPUs (slowly on the CPU). bfloat16 cannot be used at all: the engine's native
 * layer maps no DJL data type to torch's bfloat16, and creating or converting to such a tensor aborts the process
 * (libtorch itself supports bfloat16, on the CPU too).
 */
public enum Precision {
    /** float32 everywhere: the official numerics (default). */
    FP32(DataType.FLOAT32),
    /** float16 weights and activations: GPUs; runs on the CPU too, slowly (comparisons only). */
    FP16(DataType.FLOAT16),
    /** bfloat16: refused on every device (see the class comment). */
    BF16(DataType.BFLOAT16);

    /** Why {@link #BF16} is refused; part of the startup error. */
    public static final String BF16_UNAVAILABLE = "precision BF16 is not available with DJL's PyTorch engine: its"
            + " native layer has no bfloat16 tensor type and aborts the process on one (libtorch itself could run"
            + " it); use FP16 on a GPU, or FP32";

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The DJL data type of weights and activations. */
    public DataType dataType() {
        return dataType;
    }

    /** Why this precision cannot run on any device, or {@code null} when it can (on CPUs and GPUs alike). */
    public String unavailableReason() {
        return this == BF16 ? BF16_UNAVAILABLE : null;
    }
}
