/**
 * {@code vp eval}: the paper's evaluation protocols streamed through a worker, one {@link
 * dev.vprompt.cli.eval.EvalSuite} per data set: Pascal-5i one-shot segmentation ({@link
 * dev.vprompt.cli.eval.PascalEval}), the synthetic reasoning tasks ({@link dev.vprompt.cli.eval.SyntheticEval}),
 * ImageNet colorization ({@link dev.vprompt.cli.eval.ColorizationEval}) and Pascal VOC single-object detection ({@link
 * dev.vprompt.cli.eval.VocDetectionEval}). Episodes are sampled as the official code samples them with numpy's legacy
 * generator ({@link dev.vprompt.training.scenes.NumpyRandomState}); {@link dev.vprompt.cli.eval.EvalRunner} streams a suite's
 * jobs split by split and {@link dev.vprompt.cli.eval.EvalReport} prints the means. Small generated data sets in the
 * official layouts ({@link dev.vprompt.cli.eval.PascalGenerator}, {@link dev.vprompt.cli.eval.ImageNetGenerator},
 * {@link dev.vprompt.cli.eval.VocGenerator}) serve tests and smoke runs.
 */
package dev.vprompt.cli.eval;
