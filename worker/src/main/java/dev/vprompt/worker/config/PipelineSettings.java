package dev.vprompt.worker.config;

import dev.vprompt.common.Problems;
import java.time.Duration;

/**
 * Bounds of the in-worker pipeline.
 *
 * @param maxInFlight jobs held between poll and commit; at the bound the worker pauses its partitions
 * @param prepareThreads threads of the CPU pool that decodes images and builds canvases
 * @param maxExamples most example pairs a job may carry
 * @param maxImagePixels largest decoded image, checked from the image header before decoding
 * @param drainTimeout how long a graceful shutdown waits for in-flight jobs
 * @param retryInitialBackoff first wait after a transient failure
 * @param retryMaxBackoff cap of the exponential backoff (with jitter) between retries
 * @param exampleCacheBytes pixel bytes of prepared example cells kept across jobs (only immutable objects are
 *     cached: see {@code s3.immutableBuckets}); 0 disables the cache
 * @param publishPrediction whether each job also gets {@code prediction.png}, the whole canvas with the answer
 *     pasted in (for inspection; the answer itself is {@code mask.png} or {@code answer.png}); turning it off saves
 *     a PNG encoding and an S3 write per job. Jobs on the 3x2 synthetic canvas always get it: their answer is
 *     scored from it
 */
public record PipelineSettings(
        Integer maxInFlight,
        Integer prepareThreads,
        Integer maxExamples,
        Long maxImagePixels,
        Duration drainTimeout,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Long exampleCacheBytes,
        Boolean publishPrediction) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final int DEFAULT_PREPARE_THREADS =
            Math.max(1, Runtime.getRuntime().availableProcessors());
    public static final int DEFAULT_MAX_EXAMPLES = 8;
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 40_000_000L;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);
    /** About 1,800 cells of 111x111. */
    public static final long DEFAULT_EXAMPLE_CACHE_BYTES = 64L * 1024 * 1024;

    public static final boolean DEFAULT_PUBLISH_PREDICTION = true;

    public PipelineSettings {
        maxInFlight = maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : maxInFlight;
        prepareThreads = prepareThreads == null ? DEFAULT_PREPARE_THREADS : prepareThreads;
        maxExamples = maxExamples == null ? DEFAULT_MAX_EXAMPLES : maxExamples;
        maxImagePixels = maxImagePixels == null ? DEFAULT_MAX_IMAGE_PIXELS : maxImagePixels;
        drainTimeout = drainTimeout == null ? DEFAULT_DRAIN_TIMEOUT : drainTimeout;
        retryInitialBackoff = retryInitialBackoff == null ? DEFAULT_RETRY_INITIAL_BACKOFF : retryInitialBackoff;
        retryMaxBackoff = retryMaxBackoff == null ? DEFAULT_RETRY_MAX_BACKOFF : retryMaxBackoff;
        exampleCacheBytes = exampleCacheBytes == null ? DEFAULT_EXAMPLE_CACHE_BYTES : exampleCacheBytes;
        publishPrediction = publishPrediction == null ? DEFAULT_PUBLISH_PREDICTION : publishPrediction;
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(null, null, null, null, null, null, null, null, null);
    }

    void validate(Problems p) {
        p.requirePositive(maxInFlight, "pipeline.maxInFlight");
        p.requirePositive(prepareThreads, "pipeline.prepareThreads");
        p.require(maxExamples >= 1 && maxExamples <= 8, "pipeline.maxExamples must be within 1..8");
        p.requirePositive(maxImagePixels, "pipeline.maxImagePixels");
        p.requirePositive(drainTimeout, "pipeline.drainTimeout");
        p.requirePositive(retryInitialBackoff, "pipeline.retryInitialBackoff");
        p.requirePositive(retryMaxBackoff, "pipeline.retryMaxBackoff");
        p.require(exampleCacheBytes >= 0, "pipeline.exampleCacheBytes must be >= 0 (0 disables the cache)");
        p.require(
                retryMaxBackoff.compareTo(retryInitialBackoff) >= 0,
                "pipeline.retryMaxBackoff must be >= pipeline.retryInitialBackoff");
    }
}
