/**
 * {@code vp eval}: the paper's evaluation protocol streamed through a worker. Pascal-5i one-shot segmentation
 * ({@link dev.vprompt.cli.eval.PascalDataset}, episodes sampled as the official code samples them with numpy's
 * legacy generator, {@link dev.vprompt.training.scenes.NumpyRandomState}), the synthetic reasoning tasks, and a small
 * generated Pascal-shaped data set ({@link dev.vprompt.cli.eval.PascalGenerator}) for tests and smoke runs.
 */
package dev.vprompt.cli.eval;
