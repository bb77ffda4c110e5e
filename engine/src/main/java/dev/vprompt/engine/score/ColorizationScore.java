package dev.vprompt.engine.score;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.CellBounds;

/**
 * Colorization MSE as {@code evaluate_colorization.py::calculate_metric} computes it.
 *
 * <p>The official inputs are the uint8 de-normalised canvas (target) and the uint8 pasted prediction. Both are
 * scaled to [0, 1] ({@code v / 255.}), ImageNet-normalised per channel ({@code (v - mean_c) / std_c}, float64), the
 * answer cell is cropped ({@code [:, 113:, 113:]} in the official code, i.e. {@link
 * SegmentationScorer#STANDARD_ANSWER_CELL}) and the MSE is the mean over channels, rows and columns of the squared
 * difference. No colour snapping is involved. Each term is computed with the same float64 operations as numpy; the
 * sum is a plain sequential sum, so the result can differ from numpy's pairwise sum in the last few bits (relative
 * ~1e-15).
 *
 * <p>Thread-safe: stateless.
 */
public final class ColorizationScore {

    /** ImageNet mean per channel, as in {@code mae_utils.imagenet_mean}. */
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    /** ImageNet standard deviation per channel, as in {@code mae_utils.imagenet_std}. */
    private static final double[] STD = {0.229, 0.224, 0.225};

    private ColorizationScore() {}

    /**
     * The MSE between target and prediction over the answer cell, in ImageNet-normalised units.
     *
     * @param target the canvas holding the true colour image in {@code answerCell}
     * @param prediction the pasted canvas
     * @param answerCell where the answer lies; must fit in both images
     */
    public static double mse(RgbImage target, RgbImage prediction, Cell answerCell) {
        CellBounds.requireInside(target, answerCell, "target");
        CellBounds.requireInside(prediction, answerCell, "prediction");
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = answerCell.y(); y < answerCell.y() + answerCell.height(); y++) {
                for (int x = answerCell.x(); x < answerCell.x() + answerCell.width(); x++) {
                    double d = normalised(target.get(x, y, c), c) - normalised(prediction.get(x, y, c), c);
                    sum += d * d;
                }
            }
        }
        return sum / (3.0 * answerCell.width() * answerCell.height());
    }

    private static double normalised(int value, int channel) {
        return (value / 255.0 - MEAN[channel]) / STD[channel];
    }
}
