/**
 * Procedural pictures, generated and never downloaded: textured scenes with one object and its mask, box and class
 * map ({@link dev.vprompt.training.scenes.ProceduralScenes}), the paper's synthetic colour / shape / size pairs
 * ({@link dev.vprompt.training.scenes.SyntheticPairs}) with numpy's legacy generator that the official evaluation
 * draws them with ({@link dev.vprompt.training.scenes.NumpyRandomState}), and the greyscale and crop transforms of the
 * colorization prompts ({@link dev.vprompt.training.scenes.ImageOps}). The demo, the evaluation generators and the
 * training data all draw from here.
 */
package dev.vprompt.training.scenes;
