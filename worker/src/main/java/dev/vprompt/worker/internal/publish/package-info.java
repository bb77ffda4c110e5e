/**
 * Publish (internal): post-processes each prediction per task ({@code ResultRenderer}), then {@code OutcomePublisher}
 * writes result objects under {@code <prefix>/<jobId>/} (deterministic keys, so redelivery overwrites the same
 * bytes) and sends the completion event, or the FAILED event and the dead letter. It returns futures and never calls
 * back into the flow; a job's offset may be committed only after they complete.
 */
package dev.vprompt.worker.internal.publish;
