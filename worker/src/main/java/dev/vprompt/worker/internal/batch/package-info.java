/**
 * Batch (internal): the dynamic batcher that groups the canvases of compatible jobs (same model, same work, same
 * kept-patch count) into one model call, closed by size or by delay, priority first, deadlines enforced, bounded (a
 * full batcher rejects at once). A job's canvases that must run together (an ensemble, an example fusion) enter as
 * one unit, which a batch never splits.
 */
package dev.vprompt.worker.internal.batch;
