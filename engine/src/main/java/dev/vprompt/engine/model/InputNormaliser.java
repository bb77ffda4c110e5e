package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Turns uint8 canvases into the model input exactly as the official evaluation does: {@code k/255} in float32, then
 * {@code (x - mean) / std} with the float64 ImageNet statistics (so the arithmetic is float64), then cast to float32.
 *
 * <p>All 3 x 256 possible values are computed once on the host in that precision and gathered on the device, which
 * reproduces the official input bit for bit with one lookup. Immutable after construction.
 */
final class InputNormaliser {

    /** ImageNet mean, RGB. */
    static final double[] MEAN = {0.485, 0.456, 0.406};
    /** ImageNet standard deviation, RGB. */
    static final double[] STD = {0.229, 0.224, 0.225};

    private final NDArray table;
    private final NDArray channelOffset;

    InputNormaliser(Weights weights) {
        float[] lut = new float[3 * 256];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 256; k++) {
                double x = k / 255f; // torchvision ToTensor: float32 division
                lut[c * 256 + k] = (float) ((x - MEAN[c]) / STD[c]);
            }
        }
        NDManager m = weights.manager();
        table = weights.keep("input-lut", m.create(lut).toType(weights.dtype(), false));
        channelOffset = weights.keep(
                "input-lut-offset", m.create(new long[] {0, 256, 512}).reshape(1, 3, 1, 1));
    }

    /**
     * uint8 [N, H, W, 3] to the normalised, contiguous NCHW input in the model precision, in {@code pixels}' manager.
     */
    NDArray normalise(NDArray pixels) {
        NDManager m = pixels.getManager();
        try (NDArray nchw = pixels.transpose(0, 3, 1, 2);
                NDArray index = nchw.toType(DataType.INT64, false)) {
            index.addi(channelOffset);
            return table.take(m, index); // take allocates its output contiguous in the index's shape
        }
    }
}
