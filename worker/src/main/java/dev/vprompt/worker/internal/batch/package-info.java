/**
 * Batch (internal): the dynamic batcher that groups the canvases of compatible jobs (same model, same kept-patch
 * count) into one model call, closed by size or by delay, priority first, deadlines enforced, bounded (a full batcher
 * rejects at once).
 */
package dev.vprompt.worker.internal.batch;
