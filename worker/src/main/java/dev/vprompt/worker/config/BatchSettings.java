package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.common.Problems;
import java.time.Duration;

/**
 * The dynamic batcher. Build it with {@link #builder()} (every field starts at its default); validated as part of
 * {@link WorkerConfig}.
 *
 * @param maxBatchSize a batch closes when it holds this many jobs
 * @param maxBatchDelay ... or when its oldest job has waited this long
 * @param queueCapacity jobs waiting for inference across all queues; a full queue rejects at once
 */
@JsonDeserialize(builder = BatchSettings.Builder.class)
public record BatchSettings(int maxBatchSize, Duration maxBatchDelay, int queueCapacity) {

    public static final int DEFAULT_MAX_BATCH_SIZE = 8;
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(25);
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;

    public static BatchSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().maxBatchSize(maxBatchSize).maxBatchDelay(maxBatchDelay).queueCapacity(queueCapacity);
    }

    void validate(Problems p) {
        p.requirePositive(maxBatchSize, "batch.maxBatchSize");
        p.require(maxBatchDelay != null && !maxBatchDelay.isNegative(), "batch.maxBatchDelay must be >= 0");
        p.requirePositive(queueCapacity, "batch.queueCapacity");
        p.require(queueCapacity >= maxBatchSize, "batch.queueCapacity must be >= batch.maxBatchSize");
    }

    /** Starts from the defaults; also reads the {@code batch} section of the YAML. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

        Builder() {}

        public Builder maxBatchSize(int value) {
            maxBatchSize = value;
            return this;
        }

        public Builder maxBatchDelay(Duration value) {
            maxBatchDelay = value;
            return this;
        }

        public Builder queueCapacity(int value) {
            queueCapacity = value;
            return this;
        }

        public BatchSettings build() {
            return new BatchSettings(maxBatchSize, maxBatchDelay, queueCapacity);
        }
    }
}
