package dev.vprompt.engine.score;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.CellBounds;
import dev.vprompt.engine.post.RgbColor;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Colour-aware and colour-blind IoU (and accuracy) of the synthetic reasoning tasks, as
 * {@code evaluate_reasoning.py} computes them.
 *
 * <p>Official steps: target canvas and prediction are snapped to the task's colour options followed by BLACK with
 * {@code round_image} (uint8 quirk included in {@link ScoringMode#OFFICIAL}); the answer cell is cropped
 * ({@code [-74:, 113:113+74]} of the 224x224 3x2 canvas, i.e. {@link #STANDARD_ANSWER_CELL}); the snapped target
 * crop must hold exactly two colours, and the foreground is the one that is not WHITE (when neither is WHITE, the
 * lexicographically larger one, as numpy's {@code unique} order makes the official code pick). Then
 * IoU = |target fg ∧ ours fg| / |target fg ∨ ours fg|, colour-blind IoU uses "ours = any non-WHITE pixel", and
 * accuracy is the fraction of pixels whose snapped colours match. The official {@code shape_accuracy} (which relies
 * on OpenCV contour order) is not computed.
 *
 * <p>Thread-safe: stateless.
 */
public final class SyntheticScore {

    /** The answer cell of the official 3x2 synthetic canvas: rows 150..223, columns 113..186. */
    public static final Cell STANDARD_ANSWER_CELL = new Cell(113, 150, 74, 74);

    private static final Comparator<RgbColor> LEXICOGRAPHIC =
            Comparator.comparingInt(RgbColor::r).thenComparingInt(RgbColor::g).thenComparingInt(RgbColor::b);

    private SyntheticScore() {}

    /** Scores one episode of {@code task}. */
    public static SegmentationScores score(
            RgbImage target, RgbImage prediction, Cell answerCell, SyntheticTask task, ScoringMode mode) {
        return score(target, prediction, answerCell, task.colorOptions(), mode);
    }

    /**
     * Scores one episode with explicit colour options (BLACK is appended, as the official code does).
     *
     * @throws IllegalArgumentException if the snapped target cell does not hold exactly two colours (the official
     *     code fails its assertion there)
     */
    public static SegmentationScores score(
            RgbImage target, RgbImage prediction, Cell answerCell, List<RgbColor> colorOptions, ScoringMode mode) {
        CellBounds.requireInside(target, answerCell, "target");
        CellBounds.requireInside(prediction, answerCell, "prediction");
        List<RgbColor> palette = SyntheticTask.palette(colorOptions);
        RgbImage snappedTarget = mode.rounding().round(target, answerCell, palette);
        RgbImage snappedOurs = mode.rounding().round(prediction, answerCell, palette);
        RgbColor foreground = foreground(snappedTarget);
        return MaskMetrics.compare(snappedTarget, snappedOurs, foreground, RgbColor.WHITE);
    }

    private static RgbColor foreground(RgbImage snappedTarget) {
        TreeSet<RgbColor> colors = new TreeSet<>(LEXICOGRAPHIC);
        for (int y = 0; y < snappedTarget.height(); y++) {
            for (int x = 0; x < snappedTarget.width(); x++) {
                colors.add(new RgbColor(
                        snappedTarget.get(x, y, 0), snappedTarget.get(x, y, 1), snappedTarget.get(x, y, 2)));
            }
        }
        if (colors.size() != 2) {
            throw new IllegalArgumentException(
                    "the snapped target cell must hold exactly two colours (white and the answer's), found " + colors);
        }
        return colors.last().equals(RgbColor.WHITE) ? colors.first() : colors.last();
    }
}
