package dev.vprompt.worker.internal.prompt;

import dev.vprompt.engine.canvas.Canvas;
import java.util.List;

/**
 * A job turned into model input.
 *
 * @param plan what the canvases are and how their answers are fused
 * @param canvases one canvas, or several (example fusion, ensemble) that run as one batch unit, all with the same
 *     kept-patch count; the first is the A1 canvas of the first pair, where a fused answer is pasted
 * @param queryWidth the query image's own width, to map answers back to its pixel space
 * @param queryHeight the query image's own height
 * @param truthCanvas the first canvas with the ground-truth answer in its answer cell (for scoring), or null when the
 *     job's answer is not scored; the decoded ground truth itself is not kept (a job holds canvas-sized pixels only)
 */
public record PreparedPrompt(
        PromptPlan plan, List<Canvas> canvases, int queryWidth, int queryHeight, Canvas truthCanvas) {

    /** Pixel bytes held by the canvases. */
    public long bytes() {
        long sum = truthCanvas == null ? 0 : truthCanvas.image().pixels().length;
        for (Canvas c : canvases) {
            sum += c.image().pixels().length;
        }
        return sum;
    }
}
