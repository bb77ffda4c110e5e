/**
 * Training of the project's small MAE-VQGAN on generated canvases: the architecture ({@link
 * dev.vprompt.training.ModelRecipe}), the artefact folder a run keeps ({@link dev.vprompt.training.Workspace}) and the
 * export in the official checkpoint layout ({@link dev.vprompt.training.ModelExport}). The forward pass is the
 * engine's serving pass ({@code TrainableForward}); nothing here defines a second model.
 */
package dev.vprompt.training;
