/**
 * The MAE stage: cross-entropy of the hidden patches' logits against the precomputed tokens, hiding the answer cell
 * (as inference does) or as many random patches ({@link dev.vprompt.training.mae.MaeTrainer}).
 */
package dev.vprompt.training.mae;
