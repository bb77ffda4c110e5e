/**
 * Metrics of visual-prompting answers, as the official evaluation scripts of "Visual Prompting via Image Inpainting"
 * compute them: segmentation IoU / colour-blind IoU / accuracy ({@link dev.vprompt.engine.score.SegmentationScorer}),
 * detection ({@link dev.vprompt.engine.score.DetectionScore}), colorization MSE
 * ({@link dev.vprompt.engine.score.ColorizationScore}) and the synthetic reasoning tasks
 * ({@link dev.vprompt.engine.score.SyntheticScore}).
 *
 * <p>Every metric takes the ground-truth canvas, the pasted prediction canvas and the answer {@link
 * dev.vprompt.engine.canvas.Cell}; {@link dev.vprompt.engine.score.ScoringMode#OFFICIAL} reproduces the published
 * numbers bit for bit (including the uint8 wrap-around of {@code round_image}), {@link
 * dev.vprompt.engine.score.ScoringMode#EXACT} snaps colours correctly.
 *
 * <p>Everything here is a pure function of its inputs: stateless and thread-safe.
 */
package dev.vprompt.engine.score;
