package dev.vprompt.worker.internal.prompt;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;

/**
 * A job turned into model input.
 *
 * @param plan what the canvases are and how their answers are fused
 * @param canvases one canvas, or several (example fusion, ensemble) that run as one batch unit, all with the same
 *     kept-patch count; the first is the A1 canvas of the first pair, where a fused answer is pasted
 * @param queryWidth the query image's own width, to map answers back to its pixel space
 * @param queryHeight the query image's own height
 * @param truthCanvas the first canvas with the ground-truth answer in its answer cell (for scoring), or null
 * @param groundTruth the ground-truth answer at the query's own size, or null
 */
public record PreparedPrompt(
        PromptPlan plan,
        List<Canvas> canvases,
        int queryWidth,
        int queryHeight,
        Canvas truthCanvas,
        RgbImage groundTruth) {}
