package dev.vprompt.engine.score;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.BinaryMask;
import dev.vprompt.engine.post.Box;
import dev.vprompt.engine.post.CellBounds;
import dev.vprompt.engine.post.LargestComponent;
import dev.vprompt.engine.post.RgbColor;
import dev.vprompt.engine.post.SegmentationMask;

/**
 * Detection scores as the official code computes them ({@code evaluate_segmentation.py --task detection}): the
 * snapped prediction's answer cell is replaced by the filled bounding box of its largest white component
 * ({@code to_rectangle}; all black when there is none), and that box mask is scored against the snapped target with
 * the segmentation metrics. The official detection IoU is therefore a pixel IoU of the box mask against the target
 * mask (the target of the official detection canvas is itself a white box on black).
 *
 * <p>{@link #boxIou} is the plain IoU of two pixel boxes; it equals the official pixel IoU when the target mask is
 * exactly one filled box.
 *
 * <p>Thread-safe: stateless.
 */
public final class DetectionScore {

    private DetectionScore() {}

    /**
     * Scores a detection answer.
     *
     * @param target the canvas holding the true box mask (white on black) in {@code answerCell}
     * @param prediction the pasted canvas
     * @param answerCell where the answer lies; must fit in both images
     * @param mode official (uint8 quirk) or exact colour snapping, for target and prediction alike
     */
    public static SegmentationScores score(RgbImage target, RgbImage prediction, Cell answerCell, ScoringMode mode) {
        CellBounds.requireInside(target, answerCell, "target");
        BinaryMask predicted = SegmentationMask.inCell(prediction, answerCell, mode.rounding());
        BinaryMask boxed = LargestComponent.boundingBox(predicted)
                .map(box -> BinaryMask.filledBox(answerCell.width(), answerCell.height(), box))
                .orElseGet(() -> BinaryMask.empty(answerCell.width(), answerCell.height()));
        RgbImage snappedTarget = mode.rounding().round(target, answerCell, SegmentationMask.PALETTE);
        return MaskMetrics.compare(snappedTarget, boxed.toRgbImage(), RgbColor.WHITE, RgbColor.BLACK);
    }

    /** Intersection over union of two pixel boxes (areas in whole pixels), in double. */
    public static double boxIou(Box a, Box b) {
        long intersection = a.intersectionArea(b);
        return (double) intersection / (a.area() + b.area() - intersection);
    }
}
