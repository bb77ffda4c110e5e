/**
 * Publish: post-processes each prediction per task, writes result objects under {@code <prefix>/<jobId>/}
 * (deterministic keys, so redelivery overwrites the same bytes), and emits the completion event or the dead letter.
 * A job's offset may be committed only after these are acknowledged.
 */
package dev.vprompt.worker.internal.publish;
