/**
 * Prompt: decodes the fetched images (with pixel limits checked from the header) and lays them out on visual-prompt
 * canvases exactly as the official code does. CPU work on a bounded pool, never on the event loop.
 */
package dev.vprompt.worker.internal.prompt;
