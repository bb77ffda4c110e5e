/**
 * {@code vp train}: the command line of the training module ({@code dev.vprompt.training}) — generating canvases,
 * training the tokenizer and the MAE, exporting the model — with what the CLI adds: held-out demo pictures, the
 * architecture recorded between stages, and load-average reporting.
 */
package dev.vprompt.cli.train;
