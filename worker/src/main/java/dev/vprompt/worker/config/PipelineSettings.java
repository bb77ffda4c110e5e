package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.common.Problems;
import dev.vprompt.engine.image.ImageLimits;
import dev.vprompt.engine.image.RepeatingRowsPng;
import java.time.Duration;

/**
 * Bounds of the in-worker pipeline. Build it with {@link #builder()} (every field starts at its default); validated
 * as part of {@link WorkerConfig}.
 *
 * @param maxInFlight jobs held between poll and commit; the consumer never holds more (it pauses its partitions before
 *     a poll could pass the bound; {@code kafka.maxPollRecords} is capped at half of it)
 * @param maxInFlightBytes bytes the jobs in flight may hold (encoded images read, then their canvases, then their
 *     encoded results until published); at the bound intake pauses until they are down to half. Admission control:
 *     jobs already taken in go on, so the bound can be passed by what they read (each at most its used images times
 *     {@code s3.maxObjectBytes})
 * @param prepareThreads threads of the CPU pool that decodes images and builds canvases
 * @param maxExamples most example pairs a job may carry
 * @param maxImagePixels largest decoded image, checked from the image header before decoding
 * @param maxImageSide longest side of an image, checked from its header (the pixel limit alone lets a 1 x 6,000,000
 *     image through); the engine's default unless tightened
 * @param drainTimeout how long a graceful shutdown waits for in-flight jobs
 * @param retryInitialBackoff first wait after a transient failure
 * @param retryMaxBackoff cap of the exponential backoff (with jitter) between retries
 * @param retryMaxAttempts failed attempts a job may spend on transient failures (all its operations together) while
 *     its dependencies look up, before it fails with RETRIES_EXHAUSTED; failures of a dependency that a probe judges
 *     down are not counted
 * @param retryMaxElapsed time a job may spend retrying while its dependencies look up, before RETRIES_EXHAUSTED
 * @param dependencyProbeInterval how often the store and the broker are probed (also sooner when jobs see transient
 *     failures); while probes find one down, intake is held for every partition and readiness is down
 * @param dependencyProbeTimeout how long a probe may take before it counts as failed
 * @param exampleCacheBytes pixel bytes of prepared example cells kept across jobs (only immutable objects are
 *     cached: see {@code s3.immutableBuckets}); 0 disables the cache
 * @param publishPrediction whether each job also gets {@code prediction.png}, the whole canvas with the answer
 *     pasted in (for inspection; the answer itself is {@code mask.png} or {@code answer.png}); turning it off saves
 *     a PNG encoding and an S3 write per job. Jobs on the 3x2 synthetic canvas always get it: their answer is
 *     scored from it
 * @param predictionRows how {@code prediction.png}'s rows from the answer cell down are coded (the rows above, the
 *     example pair, are compressed once per pair and reused): {@code STORED} copies them uncompressed (a checksum and
 *     a copy: 0.35 ms less CPU per job in {@code vp bench pipeline}, for a file of about 100 KB instead of 47 KB on a 224x224 canvas),
 *     {@code COMPRESSED} filters and Huffman-codes them
 */
@JsonDeserialize(builder = PipelineSettings.Builder.class)
public record PipelineSettings(
        int maxInFlight,
        long maxInFlightBytes,
        int prepareThreads,
        int maxExamples,
        long maxImagePixels,
        int maxImageSide,
        Duration drainTimeout,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        int retryMaxAttempts,
        Duration retryMaxElapsed,
        Duration dependencyProbeInterval,
        Duration dependencyProbeTimeout,
        long exampleCacheBytes,
        boolean publishPrediction,
        RepeatingRowsPng.Tail predictionRows) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    /** 512 MiB: about a thousand typical jobs (three ~100 KB images, a 147 KB canvas, ~150 KB of results). */
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 512L * 1024 * 1024;

    public static final int DEFAULT_PREPARE_THREADS =
            Math.max(1, Runtime.getRuntime().availableProcessors());
    public static final int DEFAULT_MAX_EXAMPLES = 8;
    public static final long DEFAULT_MAX_IMAGE_PIXELS = ImageLimits.DEFAULT_MAX_PIXELS;
    public static final int DEFAULT_MAX_IMAGE_SIDE = ImageLimits.DEFAULT_MAX_SIDE;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);
    /** With the default backoff, about 45 s of retrying. */
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 10;

    public static final Duration DEFAULT_RETRY_MAX_ELAPSED = Duration.ofMinutes(2);
    public static final Duration DEFAULT_DEPENDENCY_PROBE_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DEPENDENCY_PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** About 1,800 cells of 111x111. */
    public static final long DEFAULT_EXAMPLE_CACHE_BYTES = 64L * 1024 * 1024;

    public static final boolean DEFAULT_PUBLISH_PREDICTION = true;
    /** CPU before bytes: a GPU worker's cores are what feeds the GPU; see {@code BENCHMARKS.md}. */
    public static final RepeatingRowsPng.Tail DEFAULT_PREDICTION_ROWS = RepeatingRowsPng.Tail.STORED;

    public static PipelineSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder()
                .maxInFlight(maxInFlight)
                .maxInFlightBytes(maxInFlightBytes)
                .prepareThreads(prepareThreads)
                .maxExamples(maxExamples)
                .maxImagePixels(maxImagePixels)
                .maxImageSide(maxImageSide)
                .drainTimeout(drainTimeout)
                .retryBackoff(retryInitialBackoff, retryMaxBackoff)
                .retryMaxAttempts(retryMaxAttempts)
                .retryMaxElapsed(retryMaxElapsed)
                .dependencyProbeInterval(dependencyProbeInterval)
                .dependencyProbeTimeout(dependencyProbeTimeout)
                .exampleCacheBytes(exampleCacheBytes)
                .publishPrediction(publishPrediction)
                .predictionRows(predictionRows);
    }

    void validate(Problems p) {
        p.requirePositive(maxInFlight, "pipeline.maxInFlight");
        p.requirePositive(prepareThreads, "pipeline.prepareThreads");
        p.require(maxExamples >= 1 && maxExamples <= 8, "pipeline.maxExamples must be within 1..8");
        p.requirePositive(maxInFlightBytes, "pipeline.maxInFlightBytes");
        p.requirePositive(maxImagePixels, "pipeline.maxImagePixels");
        p.require(
                maxImagePixels <= ImageLimits.HARD_MAX_PIXELS,
                "pipeline.maxImagePixels must be <= " + ImageLimits.HARD_MAX_PIXELS + " (an RGB image's array limit)");
        p.requirePositive(maxImageSide, "pipeline.maxImageSide");
        p.requirePositive(drainTimeout, "pipeline.drainTimeout");
        p.requirePositive(retryInitialBackoff, "pipeline.retryInitialBackoff");
        p.requirePositive(retryMaxBackoff, "pipeline.retryMaxBackoff");
        p.requirePositive(retryMaxAttempts, "pipeline.retryMaxAttempts");
        p.requirePositive(retryMaxElapsed, "pipeline.retryMaxElapsed");
        p.requirePositive(dependencyProbeInterval, "pipeline.dependencyProbeInterval");
        p.requirePositive(dependencyProbeTimeout, "pipeline.dependencyProbeTimeout");
        p.require(predictionRows != null, "pipeline.predictionRows must be COMPRESSED or STORED");
        p.require(exampleCacheBytes >= 0, "pipeline.exampleCacheBytes must be >= 0 (0 disables the cache)");
        p.require(
                retryInitialBackoff == null
                        || retryMaxBackoff == null
                        || retryMaxBackoff.compareTo(retryInitialBackoff) >= 0,
                "pipeline.retryMaxBackoff must be >= pipeline.retryInitialBackoff");
    }

    /** Starts from the defaults; also reads the {@code pipeline} section of the YAML. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private long maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT_BYTES;
        private int prepareThreads = DEFAULT_PREPARE_THREADS;
        private int maxExamples = DEFAULT_MAX_EXAMPLES;
        private long maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;
        private int maxImageSide = DEFAULT_MAX_IMAGE_SIDE;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
        private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
        private int retryMaxAttempts = DEFAULT_RETRY_MAX_ATTEMPTS;
        private Duration retryMaxElapsed = DEFAULT_RETRY_MAX_ELAPSED;
        private Duration dependencyProbeInterval = DEFAULT_DEPENDENCY_PROBE_INTERVAL;
        private Duration dependencyProbeTimeout = DEFAULT_DEPENDENCY_PROBE_TIMEOUT;
        private long exampleCacheBytes = DEFAULT_EXAMPLE_CACHE_BYTES;
        private boolean publishPrediction = DEFAULT_PUBLISH_PREDICTION;
        private RepeatingRowsPng.Tail predictionRows = DEFAULT_PREDICTION_ROWS;

        Builder() {}

        public Builder maxInFlight(int value) {
            maxInFlight = value;
            return this;
        }

        public Builder maxInFlightBytes(long value) {
            maxInFlightBytes = value;
            return this;
        }

        public Builder maxImageSide(int value) {
            maxImageSide = value;
            return this;
        }

        public Builder prepareThreads(int value) {
            prepareThreads = value;
            return this;
        }

        public Builder maxExamples(int value) {
            maxExamples = value;
            return this;
        }

        public Builder maxImagePixels(long value) {
            maxImagePixels = value;
            return this;
        }

        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        /** The first wait after a transient failure and the cap of the exponential backoff. */
        public Builder retryBackoff(Duration initial, Duration max) {
            return retryInitialBackoff(initial).retryMaxBackoff(max);
        }

        public Builder retryInitialBackoff(Duration value) {
            retryInitialBackoff = value;
            return this;
        }

        public Builder retryMaxBackoff(Duration value) {
            retryMaxBackoff = value;
            return this;
        }

        public Builder retryMaxAttempts(int value) {
            retryMaxAttempts = value;
            return this;
        }

        public Builder retryMaxElapsed(Duration value) {
            retryMaxElapsed = value;
            return this;
        }

        public Builder dependencyProbeInterval(Duration value) {
            dependencyProbeInterval = value;
            return this;
        }

        public Builder dependencyProbeTimeout(Duration value) {
            dependencyProbeTimeout = value;
            return this;
        }

        public Builder exampleCacheBytes(long value) {
            exampleCacheBytes = value;
            return this;
        }

        public Builder publishPrediction(boolean value) {
            publishPrediction = value;
            return this;
        }

        public Builder predictionRows(RepeatingRowsPng.Tail value) {
            predictionRows = value;
            return this;
        }

        public PipelineSettings build() {
            return new PipelineSettings(
                    maxInFlight,
                    maxInFlightBytes,
                    prepareThreads,
                    maxExamples,
                    maxImagePixels,
                    maxImageSide,
                    drainTimeout,
                    retryInitialBackoff,
                    retryMaxBackoff,
                    retryMaxAttempts,
                    retryMaxElapsed,
                    dependencyProbeInterval,
                    dependencyProbeTimeout,
                    exampleCacheBytes,
                    publishPrediction,
                    predictionRows);
        }
    }
}
