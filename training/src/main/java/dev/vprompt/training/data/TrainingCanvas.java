package dev.vprompt.training.data;

import dev.vprompt.engine.canvas.Canvas;

/**
 * One generated training canvas: the prompt with its answer in place, and the answer's patch mask.
 *
 * @param index the canvas's position in its generator's stream (it regenerates the same pixels)
 * @param family what the canvas shows
 * @param canvas the canvas with the answer cell filled; {@code canvas.mask()} marks the answer's patches
 */
public record TrainingCanvas(long index, Family family, Canvas canvas) {}
