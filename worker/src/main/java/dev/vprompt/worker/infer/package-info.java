/**
 * Infer: one thread per device owns a model backend and runs the batches the batcher closes; a failed batch is
 * re-run item by item so a poison job fails alone.
 */
package dev.vprompt.worker.infer;
