package dev.vprompt.worker.config;

import dev.vprompt.common.Problems;
import java.time.Duration;

/**
 * The dynamic batcher.
 *
 * @param maxBatchSize a batch closes when it holds this many jobs
 * @param maxBatchDelay ... or when its oldest job has waited this long
 * @param queueCapacity jobs waiting for inference across all queues; a full queue rejects at once
 */
public record BatchSettings(Integer maxBatchSize, Duration maxBatchDelay, Integer queueCapacity) {

    public static final int DEFAULT_MAX_BATCH_SIZE = 8;
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(25);
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;

    public BatchSettings {
        maxBatchSize = maxBatchSize == null ? DEFAULT_MAX_BATCH_SIZE : maxBatchSize;
        maxBatchDelay = maxBatchDelay == null ? DEFAULT_MAX_BATCH_DELAY : maxBatchDelay;
        queueCapacity = queueCapacity == null ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
    }

    public static BatchSettings defaults() {
        return new BatchSettings(null, null, null);
    }

    void validate(Problems p) {
        p.requirePositive(maxBatchSize, "batch.maxBatchSize");
        p.require(maxBatchDelay != null && !maxBatchDelay.isNegative(), "batch.maxBatchDelay must be >= 0");
        p.requirePositive(queueCapacity, "batch.queueCapacity");
        p.require(queueCapacity >= maxBatchSize, "batch.queueCapacity must be >= batch.maxBatchSize");
    }
}
