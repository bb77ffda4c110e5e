/**
 * Prompt (internal): decodes the fetched images (pixel limits checked from the header) and lays them out on
 * visual-prompt canvases exactly as the official code does ({@code PromptAssembler}, {@code CellKind}). It owns the
 * example cache ({@code ExampleCache}): a job's examples are looked up once ({@code ExampleCells}, which tell fetch
 * what not to read) and the cells prepared here are kept. CPU work on a bounded pool, never on the event loop.
 */
package dev.vprompt.worker.internal.prompt;
