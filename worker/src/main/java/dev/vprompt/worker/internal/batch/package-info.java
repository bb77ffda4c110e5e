/**
 * Batch: the dynamic batcher that groups inference work of compatible jobs (same model, same kept-patch count) into
 * one model call, by size or by delay, priority first, deadlines enforced.
 */
package dev.vprompt.worker.internal.batch;
