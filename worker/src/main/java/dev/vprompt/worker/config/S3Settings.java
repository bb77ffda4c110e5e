package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.common.Problems;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Object storage the worker reads images from and writes results to. Build it with {@link #builder()} (endpoint,
 * credentials and allowed buckets have no default); validated as part of {@link WorkerConfig}.
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
@JsonDeserialize(builder = S3Settings.Builder.class)
public record S3Settings(
        String endpoint,
        String accessKey,
        String secretKey,
        String region,
        Set<String> allowedBuckets,
        long maxObjectBytes,
        int maxConcurrentRequests,
        Duration requestTimeout,
        Set<String> immutableBuckets) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final long DEFAULT_MAX_OBJECT_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final String ANY_BUCKET = "*";
    /** Most threads that issue S3 requests and read their bodies, however many requests may be in flight. */
    public static final int MAX_IO_THREADS = 16;

    public S3Settings {
        allowedBuckets = allowedBuckets == null ? null : Set.copyOf(allowedBuckets);
        immutableBuckets = immutableBuckets == null ? null : Set.copyOf(immutableBuckets);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region(region)
                .allowedBuckets(allowedBuckets)
                .maxObjectBytes(maxObjectBytes)
                .maxConcurrentRequests(maxConcurrentRequests)
                .requestTimeout(requestTimeout)
                .immutableBuckets(immutableBuckets);
    }

    /** Whether a job may touch this bucket. */
    public boolean allows(String bucket) {
        return allowedBuckets.contains(ANY_BUCKET) || allowedBuckets.contains(bucket);
    }

    /** Threads that issue requests and read response bodies: one per request in flight, at most {@link #MAX_IO_THREADS}. */
    public int ioThreads() {
        return Math.min(MAX_IO_THREADS, maxConcurrentRequests);
    }

    /** A bucket whose existence tells that the store answers (readiness), or empty when only {@code "*"} is allowed. */
    public Optional<String> probeBucket() {
        return allowedBuckets.stream().filter(b -> !b.equals(ANY_BUCKET)).findFirst();
    }

    void validate(Problems p) {
        p.requireText(endpoint, "s3.endpoint");
        p.requireText(accessKey, "s3.accessKey");
        p.requireText(secretKey, "s3.secretKey");
        p.requireText(region, "s3.region");
        p.require(
                allowedBuckets != null && !allowedBuckets.isEmpty(),
                "s3.allowedBuckets must name the buckets jobs may use (or \"*\" to allow any)");
        p.requirePositive(maxObjectBytes, "s3.maxObjectBytes");
        p.requirePositive(maxConcurrentRequests, "s3.maxConcurrentRequests");
        p.requirePositive(requestTimeout, "s3.requestTimeout");
        p.require(immutableBuckets != null, "s3.immutableBuckets must not be null (empty trusts no bucket)");
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", allowedBuckets=" + allowedBuckets
                + ", immutableBuckets=" + immutableBuckets + ", secretKey=***]";
    }

    /** Starts from the defaults; also reads the {@code s3} section of the YAML. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String endpoint;
        private String accessKey;
        private String secretKey;
        private String region = DEFAULT_REGION;
        private Set<String> allowedBuckets = Set.of();
        private long maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Set<String> immutableBuckets = Set.of();

        Builder() {}

        public Builder endpoint(String value) {
            endpoint = value;
            return this;
        }

        /** The access key and secret key at once. */
        public Builder credentials(String access, String secret) {
            return accessKey(access).secretKey(secret);
        }

        public Builder accessKey(String value) {
            accessKey = value;
            return this;
        }

        public Builder secretKey(String value) {
            secretKey = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder allowedBuckets(Set<String> value) {
            allowedBuckets = value;
            return this;
        }

        public Builder maxObjectBytes(long value) {
            maxObjectBytes = value;
            return this;
        }

        public Builder maxConcurrentRequests(int value) {
            maxConcurrentRequests = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder immutableBuckets(Set<String> value) {
            immutableBuckets = value;
            return this;
        }

        public S3Settings build() {
            return new S3Settings(
                    endpoint,
                    accessKey,
                    secretKey,
                    region,
                    allowedBuckets,
                    maxObjectBytes,
                    maxConcurrentRequests,
                    requestTimeout,
                    immutableBuckets);
        }
    }
}
