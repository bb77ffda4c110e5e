package dev.vprompt.worker.config;

import dev.vprompt.common.Problems;
import java.time.Duration;
import java.util.Set;

/**
 * Object storage the worker reads images from and writes results to.
 *
 * @param endpoint S3 endpoint URL, e.g. {@code http://127.0.0.1:9000} (required)
 * @param accessKey access key (required)
 * @param secretKey secret key (required; never logged)
 * @param region signing region
 * @param allowedBuckets the only buckets a job may read or write; {@code "*"} allows any
 * @param maxObjectBytes largest object a job may reference
 * @param maxConcurrentRequests bound on S3 requests in flight from this worker
 * @param requestTimeout timeout of one S3 request
 * @param immutableBuckets buckets whose keys are written once (e.g. content-addressed uploads), so the worker may
 *     cache example images read from them even without a {@code versionId}; empty by default
 */
public record S3Settings(
        String endpoint,
        String accessKey,
        String secretKey,
        String region,
        Set<String> allowedBuckets,
        Long maxObjectBytes,
        Integer maxConcurrentRequests,
        Duration requestTimeout,
        Set<String> immutableBuckets) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final long DEFAULT_MAX_OBJECT_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final String ANY_BUCKET = "*";

    public S3Settings {
        region = region == null ? DEFAULT_REGION : region;
        allowedBuckets = allowedBuckets == null ? Set.of() : Set.copyOf(allowedBuckets);
        maxObjectBytes = maxObjectBytes == null ? DEFAULT_MAX_OBJECT_BYTES : maxObjectBytes;
        maxConcurrentRequests = maxConcurrentRequests == null ? DEFAULT_MAX_CONCURRENT_REQUESTS : maxConcurrentRequests;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        immutableBuckets = immutableBuckets == null ? Set.of() : Set.copyOf(immutableBuckets);
    }

    /** Whether a job may touch this bucket. */
    public boolean allows(String bucket) {
        return allowedBuckets.contains(ANY_BUCKET) || allowedBuckets.contains(bucket);
    }

    void validate(Problems p) {
        p.requireText(endpoint, "s3.endpoint");
        p.requireText(accessKey, "s3.accessKey");
        p.requireText(secretKey, "s3.secretKey");
        p.require(
                !allowedBuckets.isEmpty(),
                "s3.allowedBuckets must name the buckets jobs may use (or \"*\" to allow any)");
        p.requirePositive(maxObjectBytes, "s3.maxObjectBytes");
        p.requirePositive(maxConcurrentRequests, "s3.maxConcurrentRequests");
        p.requirePositive(requestTimeout, "s3.requestTimeout");
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", allowedBuckets=" + allowedBuckets
                + ", immutableBuckets=" + immutableBuckets + ", secretKey=***]";
    }
}
