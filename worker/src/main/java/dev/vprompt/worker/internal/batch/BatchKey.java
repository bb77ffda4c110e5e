package dev.vprompt.worker.internal.batch;

/** Items share a batch only when they run on the same model with the same number of kept (visible) patches. */
public record BatchKey(String modelId, int keptCount) {}
