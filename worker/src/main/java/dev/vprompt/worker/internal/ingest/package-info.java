/**
 * Ingest (internal): polls prompt-job records from Kafka on a dedicated thread, through a {@code KafkaSource} (a
 * {@code JobSource} driven by pause/resume like a Vert.x ReadStream), decodes and validates them ({@code JobDecoder},
 * {@code JobValidator}), and tells the broker what became of each record ({@code RecordOutcomes}). In a consumer group
 * ({@code KafkaJobSource}) only the lowest contiguous completed offset per partition is committed ({@code
 * OffsetTracker}) and back-pressure pauses partitions, never the poll loop. In a share group ({@code
 * KafkaShareJobSource}) each record is acknowledged on its own ({@code AcquiredRecords} keeps the rules of explicit
 * acknowledgement), locks are renewed, back-pressure stops polling, and {@code ShareGroupAdmin} reads and prepares the
 * group's settings.
 */
package dev.vprompt.worker.internal.ingest;
