/**
 * The training data: an endless seeded stream of canvases in the paper's layouts ({@link
 * dev.vprompt.training.data.CanvasGenerator}, 14 task {@link dev.vprompt.training.data.Family families}), what it must
 * never draw ({@link dev.vprompt.training.data.HeldOut}: the evaluation's synthetic episodes and the demo's pictures),
 * and the files that keep generated canvases and their tokens between stages.
 */
package dev.vprompt.training.data;
