/**
 * Infer (internal): one thread per device ({@code InferenceWorker}) owns a model backend and runs the batches the
 * batcher closes; a failed batch is re-run item by item so a poison job fails alone. Each thread has a state, and
 * {@code InferencePool} reports the model ready only while every thread serves.
 */
package dev.vprompt.worker.internal.infer;
