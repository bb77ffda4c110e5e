/**
 * The VQGAN tokenizer: training on 16-aligned crops with an EMA cosine codebook and the straight-through estimator
 * ({@link dev.vprompt.training.tokenizer.TokenizerTrainer}), and the trained tokenizer at inference (canvases to
 * tokens and back) with its reconstruction score.
 */
package dev.vprompt.training.tokenizer;
