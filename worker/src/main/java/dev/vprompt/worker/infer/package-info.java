/**
 * Public API. The model runtime: {@link dev.vprompt.worker.infer.ModelRuntime} resolves the configured model
 * (checkpoint, random or null model) and makes one {@link dev.vprompt.worker.infer.InferenceBackend} per device. The
 * inference threads that run the backends live in {@code internal.infer}.
 */
package dev.vprompt.worker.infer;
