/**
 * What both training stages share: the parameters under their official names ({@link
 * dev.vprompt.training.loop.ParameterStore}), AdamW with clipping and skipped non-finite steps, the learning-rate
 * schedule, the step / wall-clock budget, resumable checkpoints in the official layout and the progress bar.
 */
package dev.vprompt.training.loop;
