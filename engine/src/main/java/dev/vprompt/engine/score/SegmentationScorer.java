package dev.vprompt.engine.score;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.CellBounds;
import dev.vprompt.engine.post.RgbColor;
import java.util.List;

/**
 * Segmentation IoU, colour-blind IoU and accuracy of one episode, as {@code evaluate_segmentation.py::evaluate}
 * computes them.
 *
 * <p>Official steps: both the ground-truth canvas and the pasted prediction are snapped to the palette
 * [foreground, background] ([WHITE, BLACK], or [YELLOW, PURPLE] in the official "purple" variant) with
 * {@code round_image}; {@code calculate_metric} then crops the answer cell — hard-coded {@code [113:, 113:]} in the
 * official code, which is exactly {@code new Cell(113, 113, 111, 111)} of the 224x224 2x2 canvas; here it is
 * whatever cell is passed — and compares colours (see {@link SegmentationScores}). With {@link ScoringMode#OFFICIAL}
 * the result equals the official numbers; {@link ScoringMode#EXACT} snaps to the truly nearest colour instead.
 * {@link #scoreUnrounded} is prompt-SelF's scoring of a fused ensemble answer, which snaps nothing.
 *
 * <p>Thread-safe: stateless.
 */
public final class SegmentationScorer {

    /** The answer cell of the standard 2x2 evaluation canvas: the official crop {@code [113:, 113:]}. */
    public static final Cell STANDARD_ANSWER_CELL = new Cell(113, 113, 111, 111);

    private SegmentationScorer() {}

    /**
     * Scores a white-on-black segmentation answer.
     *
     * @param target the canvas holding the true answer mask in {@code answerCell}
     * @param prediction the pasted canvas (the model's answer in {@code answerCell})
     * @param answerCell where the answer lies; must fit in both images
     * @param mode official (uint8 quirk) or exact colour snapping
     */
    public static SegmentationScores score(RgbImage target, RgbImage prediction, Cell answerCell, ScoringMode mode) {
        return score(target, prediction, answerCell, mode, RgbColor.WHITE, RgbColor.BLACK);
    }

    /**
     * Scores an answer drawn with {@code foreground} on {@code background}; the official purple variant is
     * ({@link RgbColor#YELLOW}, {@link RgbColor#PURPLE}). The foreground wins snapping ties.
     */
    public static SegmentationScores score(
            RgbImage target,
            RgbImage prediction,
            Cell answerCell,
            ScoringMode mode,
            RgbColor foreground,
            RgbColor background) {
        CellBounds.requireInside(target, answerCell, "target");
        CellBounds.requireInside(prediction, answerCell, "prediction");
        List<RgbColor> palette = List.of(foreground, background);
        RgbImage snappedTarget = mode.rounding().round(target, answerCell, palette);
        RgbImage snappedOurs = mode.rounding().round(prediction, answerCell, palette);
        return MaskMetrics.compare(snappedTarget, snappedOurs, foreground, background);
    }

    /**
     * Scores a white-on-black answer without snapping either side, as prompt-SelF scores its fused ensemble answer:
     * the ground truth is the target's pixels that are exactly white, the prediction its pixels that are exactly
     * white, the colour-blind prediction its pixels that are not exactly black, and accuracy counts pixels equal in
     * all three channels (so the resized ground truth's grey edge pixels never match).
     *
     * @param target the canvas holding the true answer mask in {@code answerCell}, as pasted (not snapped)
     * @param prediction the canvas with the (fused) answer in {@code answerCell}
     */
    public static SegmentationScores scoreUnrounded(RgbImage target, RgbImage prediction, Cell answerCell) {
        CellBounds.requireInside(target, answerCell, "target");
        CellBounds.requireInside(prediction, answerCell, "prediction");
        return MaskMetrics.compare(
                crop(target, answerCell), crop(prediction, answerCell), RgbColor.WHITE, RgbColor.BLACK);
    }

    private static RgbImage crop(RgbImage image, Cell cell) {
        return image.crop(cell.x(), cell.y(), cell.width(), cell.height());
    }
}
