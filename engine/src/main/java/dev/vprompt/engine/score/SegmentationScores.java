package dev.vprompt.engine.score;

/**
 * The three numbers the official segmentation and synthetic evaluations report for one episode.
 *
 * <p>IoUs are float32 quotients (as in the official code) widened to double; they are NaN when both the target and
 * the prediction have no foreground (0/0, as numpy gives). Accuracy is a double.
 *
 * @param iou |target fg ∧ predicted fg| / |target fg ∨ predicted fg|, fg = pixels of the foreground colour
 * @param colorBlindIou the same with "predicted fg" = every pixel that is not the background colour
 * @param accuracy the fraction of answer-cell pixels whose three snapped channels all match
 */
public record SegmentationScores(double iou, double colorBlindIou, double accuracy) {}
