package dev.vprompt.engine.model;

import dev.vprompt.engine.image.RgbImage;
import java.util.Objects;

/**
 * The model's answer for one canvas.
 *
 * @param tokens the predicted VQGAN token of each of the 196 patches, raster order (argmax of the logits)
 * @param decoded the whole 224x224 image the VQGAN decodes from all tokens: {@code clip(x * 255, 0, 255)} truncated to
 *     an integer, as the official code does
 * @param pasted the official paste: the canvas pixels on visible patches, {@code decoded} on predicted patches
 * @param margins per patch, the top-1 minus the top-2 logit (a confidence signal; small values mean a near tie)
 */
public record Inpainting(int[] tokens, RgbImage decoded, RgbImage pasted, float[] margins) {

    public Inpainting {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(decoded, "decoded");
        Objects.requireNonNull(pasted, "pasted");
        Objects.requireNonNull(margins, "margins");
    }
}
