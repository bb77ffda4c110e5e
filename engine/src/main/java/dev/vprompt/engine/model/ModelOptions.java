package dev.vprompt.engine.model;

import java.util.Locale;
import java.util.Objects;

/**
 * How to run a model: on which device, in which precision, and how many images the VQGAN decoder takes at once.
 *
 * <p>Immutable and validated on construction. Whether the device exists and supports the precision is checked when a
 * model is created ({@link ModelConfigException}).
 *
 * @param device {@code "auto"} (first GPU when one is present, else the CPU), {@code "cpu"}, or {@code "gpu:N"}
 * @param precision weights and activations precision (see {@link Precision} for what each device runs)
 * @param decodeChunk the VQGAN decoder processes at most this many images per call, bounding its peak memory (its
 *     224x224 activations dominate); the transformer always runs the whole batch at once
 */
public record ModelOptions(String device, Precision precision, int decodeChunk) {

    /** Device selection that picks the first GPU when present, else the CPU ({@link DevicePlan}: every GPU). */
    public static final String AUTO = "auto";
    /** The CPU device. */
    public static final String CPU = "cpu";
    /** Default precision: float32, the official numerics. */
    public static final Precision DEFAULT_PRECISION = Precision.FP32;
    /**
     * Default VQGAN decoder chunk: 8 images keep the official decoder's largest activation (8 x 128 x 224 x 224
     * floats) near 200 MB.
     */
    public static final int DEFAULT_DECODE_CHUNK = 8;

    public ModelOptions {
        Objects.requireNonNull(precision, "precision");
        device = normalise(device);
        if (decodeChunk <= 0) {
            throw new ModelConfigException("decodeChunk must be positive: " + decodeChunk);
        }
    }

    /** Auto device, FP32, default decoder chunk. */
    public static ModelOptions defaults() {
        return new ModelOptions(AUTO, DEFAULT_PRECISION, DEFAULT_DECODE_CHUNK);
    }

    /** CPU, FP32, default decoder chunk. */
    public static ModelOptions cpu() {
        return new ModelOptions(CPU, DEFAULT_PRECISION, DEFAULT_DECODE_CHUNK);
    }

    /** These options on another device. */
    public ModelOptions withDevice(String newDevice) {
        return new ModelOptions(newDevice, precision, decodeChunk);
    }

    /** These options in another precision. */
    public ModelOptions withPrecision(Precision newPrecision) {
        return new ModelOptions(device, newPrecision, decodeChunk);
    }

    /** These options with another decoder chunk. */
    public ModelOptions withDecodeChunk(int newChunk) {
        return new ModelOptions(device, precision, newChunk);
    }

    /** The GPU index of a {@code gpu:N} device, or -1 for {@code cpu} / {@code auto}. */
    public int gpuIndex() {
        return device.startsWith("gpu:") ? Integer.parseInt(device.substring(4)) : -1;
    }

    private static String normalise(String device) {
        String d = Objects.requireNonNull(device, "device").trim().toLowerCase(Locale.ROOT);
        if (d.equals("gpu")) {
            return "gpu:0";
        }
        if (d.equals(AUTO) || d.equals(CPU) || d.matches("gpu:\\d{1,3}")) {
            return d;
        }
        throw new ModelConfigException("device must be 'auto', 'cpu' or 'gpu:N': '" + device + "'");
    }
}
