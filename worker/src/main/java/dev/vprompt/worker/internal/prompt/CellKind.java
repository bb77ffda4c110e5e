package dev.vprompt.worker.internal.prompt;

import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;

/**
 * How a job's images become canvas cells, as the official evaluation of its kind prepares them; part of a cached
 * example cell's key. Thread-safe: an enum.
 */
public enum CellKind {
    /** 2x2 canvas, 111 px, Pillow bicubic: the segmentation evaluation ({@code Resize(..., 3)}); all 2x2 tasks but detection. */
    GRID2X2_BICUBIC,
    /** 2x2 canvas, 111 px, Pillow bilinear: the detection evaluation (torchvision's default interpolation). */
    GRID2X2_BILINEAR,
    /** 3x2 synthetic-task canvas, 74 px, Pillow bilinear. */
    GRID3X2;

    /** The kind of {@code job}'s cells (the layout as its {@link PromptPlan} decides it). */
    public static CellKind of(PromptJob job) {
        if (PromptPlan.of(job).layout() == PromptLayout.GRID_3X2) {
            return GRID3X2;
        }
        return job.getTask() == Task.DETECTION ? GRID2X2_BILINEAR : GRID2X2_BICUBIC;
    }

    /** The resize filter of a 2x2 canvas of this kind. */
    public PilResize.Filter filter2x2() {
        return this == GRID2X2_BILINEAR ? PilResize.Filter.BILINEAR : PilResize.Filter.BICUBIC;
    }

    /** {@code image} as a cell of this kind (idempotent, so the canvas builder may resize it again). */
    public RgbImage cell(RgbImage image) {
        return this == GRID3X2 ? CanvasBuilder.cell3x2(image) : CanvasBuilder.cell2x2(image, filter2x2());
    }
}
