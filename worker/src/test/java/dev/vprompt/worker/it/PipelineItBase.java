package dev.vprompt.worker.it;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.config.PipelineSettings;
import dev.vprompt.worker.lifecycle.Worker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the worker's pipeline ITs share: a fresh {@link PipelineHarness} per test (its own topics and buckets on the
 * one stack of the test JVM; subclasses are annotated {@code @WithStack}) and a short way to start a worker on it.
 */
abstract class PipelineItBase {

    /** Largest decoded image the ITs' workers accept: the test images are small, a header-only "huge" PNG is not. */
    static final long MAX_IMAGE_PIXELS = 1_000_000;

    PipelineHarness h;

    @BeforeEach
    void createHarness(StackEndpoints stack) throws Exception {
        h = new PipelineHarness(stack);
    }

    @AfterEach
    void closeHarness() throws Exception {
        h.close();
    }

    /** Pipeline bounds of an IT worker: two prepare threads and short retry waits. */
    static PipelineSettings pipeline(int maxInFlight) {
        return PipelineSettings.builder()
                .maxInFlight(maxInFlight)
                .prepareThreads(2)
                .maxImagePixels(MAX_IMAGE_PIXELS)
                .drainTimeout(Duration.ofSeconds(30))
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
    }

    static BatchSettings batch(int maxBatchSize, long maxDelayMillis, int queueCapacity) {
        return BatchSettings.builder()
                .maxBatchSize(maxBatchSize)
                .maxBatchDelay(Duration.ofMillis(maxDelayMillis))
                .queueCapacity(queueCapacity)
                .build();
    }

    /** Starts a worker on this test's topics and buckets. */
    Worker startWorker(String workerId, ModelSettings model, BatchSettings batch, PipelineSettings pipeline)
            throws Exception {
        return new Worker(h.config(workerId, model, batch, pipeline)).start();
    }
}
