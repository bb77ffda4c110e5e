package dev.vprompt.worker.infer;

import dev.vprompt.engine.image.RgbImage;

/**
 * What the model produced for one canvas.
 *
 * @param tokens the 196 predicted VQGAN token ids (raster patch order)
 * @param pasted the canvas with the predicted patches pasted in, as the official code produces it
 */
public record InferenceOutput(int[] tokens, RgbImage pasted) {}
