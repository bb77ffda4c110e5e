/**
 * Ingest: polls prompt-job records from Kafka on a dedicated thread, tracks which offsets are fully published, and
 * commits only the lowest contiguous completed offset per partition. Back-pressure pauses partitions, never the poll
 * loop.
 */
package dev.vprompt.worker.internal.ingest;
