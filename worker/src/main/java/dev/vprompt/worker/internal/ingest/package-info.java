/**
 * Ingest (internal): polls prompt-job records from Kafka on a dedicated thread ({@code KafkaJobSource}, a
 * {@code JobSource} driven by pause/resume like a Vert.x ReadStream), decodes and validates them
 * ({@code JobDecoder}, {@code JobValidator}), tracks which offsets are fully published and commits only the lowest
 * contiguous completed offset per partition ({@code OffsetTracker}). Back-pressure pauses partitions, never the poll
 * loop.
 */
package dev.vprompt.worker.internal.ingest;
