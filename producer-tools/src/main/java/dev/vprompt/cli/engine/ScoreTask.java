package dev.vprompt.cli.engine;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.ColorizationScore;
import dev.vprompt.engine.score.DetectionScore;
import dev.vprompt.engine.score.ScoringMode;
import dev.vprompt.engine.score.SegmentationScorer;
import dev.vprompt.engine.score.SegmentationScores;
import dev.vprompt.engine.score.SyntheticScore;
import dev.vprompt.engine.score.SyntheticTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tasks {@code vp score} knows, each mapped to the engine metric of the official evaluation script that scores it,
 * and the layout its canvases use by default.
 *
 * <p>Thread-safe: immutable.
 */
enum ScoreTask {
    /** White-on-black masks: IoU, colour-blind IoU, accuracy ({@code evaluate_segmentation.py}). */
    SEGMENTATION(LayoutChoice.GRID_2X2, null),
    /** Box masks: the segmentation metrics of the largest component's filled box. */
    DETECTION(LayoutChoice.GRID_2X2, null),
    /** Colour images: MSE in ImageNet-normalised units ({@code evaluate_colorization.py}). */
    COLORIZATION(LayoutChoice.GRID_2X2, null),
    /** Synthetic colour change ({@code evaluate_reasoning.py}). */
    COLOR(LayoutChoice.GRID_3X2, SyntheticTask.COLOR),
    /** Synthetic size change. */
    SIZE(LayoutChoice.GRID_3X2, SyntheticTask.SIZE),
    /** Synthetic shape change. */
    SHAPE(LayoutChoice.GRID_3X2, SyntheticTask.SHAPE),
    /** Synthetic size and colour change. */
    SIZE_COLOR(LayoutChoice.GRID_3X2, SyntheticTask.SIZE_COLOR),
    /** Synthetic size and shape change. */
    SIZE_SHAPE(LayoutChoice.GRID_3X2, SyntheticTask.SIZE_SHAPE),
    /** Synthetic shape and colour change. */
    SHAPE_COLOR(LayoutChoice.GRID_3X2, SyntheticTask.SHAPE_COLOR);

    private final LayoutChoice defaultLayout;
    private final SyntheticTask synthetic;

    ScoreTask(LayoutChoice defaultLayout, SyntheticTask synthetic) {
        this.defaultLayout = defaultLayout;
        this.synthetic = synthetic;
    }

    /** The layout the official evaluation uses for this task. */
    LayoutChoice defaultLayout() {
        return defaultLayout;
    }

    /**
     * The task's metrics, in the order they are printed: {@code iou}, {@code color_blind_iou}, {@code accuracy}, or
     * {@code mse} for colorization.
     */
    Map<String, Double> score(RgbImage target, RgbImage prediction, Cell answerCell, ScoringMode mode) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (this == COLORIZATION) {
            out.put("mse", ColorizationScore.mse(target, prediction, answerCell));
            return out;
        }
        SegmentationScores s = switch (this) {
            case SEGMENTATION -> SegmentationScorer.score(target, prediction, answerCell, mode);
            case DETECTION -> DetectionScore.score(target, prediction, answerCell, mode);
            default -> SyntheticScore.score(target, prediction, answerCell, synthetic, mode);
        };
        out.put("iou", s.iou());
        out.put("color_blind_iou", s.colorBlindIou());
        out.put("accuracy", s.accuracy());
        return out;
    }
}
