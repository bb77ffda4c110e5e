/**
 * Infer (internal): the inference threads. {@code InferencePool} runs one thread per device ({@code InferenceWorker},
 * unique labels from {@code DeviceLabels}), all taking batches from one shared batcher, and says whether its devices
 * serve ({@code Health}) and whether every thread is alive. Each thread runs its batches through a
 * {@code DeviceRunner}: calls bounded by a learned {@code BatchLimit}, split in halves on an out-of-memory error
 * ({@code OutOfMemory}), re-run item by item when a call fails otherwise, so a poison job fails alone. A
 * {@code DeviceBreaker} suspends a device that fails every batch and a known-good canvas too; the jobs of its batches
 * are retried, not dead-lettered ({@code BatchCompletion}).
 */
package dev.vprompt.worker.internal.infer;
