/**
 * Visual-prompt canvases: where example pairs, the query and the answer go on the 224x224 image the model inpaints,
 * and which 16x16 patches it must predict. {@link dev.vprompt.engine.canvas.CanvasBuilder} reproduces the official
 * layouts pixel for pixel; {@link dev.vprompt.engine.canvas.Arrangement} enumerates the eight 2x2 placements.
 */
package dev.vprompt.engine.canvas;
