package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.common.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Object storage the worker reads images from and writes results to. Build it with {@link #builder()} (endpoint,
 * credentials and the read and write permissions have no default); validated as part of {@link WorkerConfig}.
 *
 * <p>Permissions are least privilege: a job may read only objects a {@code read} grant covers (its examples, query
 * and ground truth) and write only under a {@code write} grant (its {@code <prefix>/<jobId>/} results), never into an
 * immutable bucket. A bucket listed in {@code immutableBuckets} may not appear in a write grant (refused at startup).
 * The old {@code allowedBuckets} key is a deprecated shorthand: each bucket listed there is granted whole, for reading
 * and writing.
 *
 * @param endpoint S3 endpoint URL, e.g. {@code http://127.0.0.1:9000} (required)
 * @param accessKey access key (required; never logged)
 * @param secretKey secret key (required; never logged)
 * @param region signing region
 * @param read what a job may read: its examples, query and ground truth must each be covered by one of these
 * @param write where a job may write: its results {@code <prefix>/<jobId>/...} must be covered by one of these
 * @param maxObjectBytes largest object a job may reference
 * @param maxConcurrentRequests bound on S3 requests in flight from this worker
 * @param requestTimeout timeout of one S3 request
 * @param immutableBuckets buckets whose keys are written once (e.g. content-addressed uploads), so the worker may
 *     cache example images read from them even without a {@code versionId}; empty by default
 * @param client how the worker speaks S3: {@code vertx} (default: the S3 protocol over the non-blocking Vert.x HTTP
 *     client, path-style addressing, signature V4, one event loop thread) or {@code minio} (the MinIO Java SDK, for
 *     stores that need what it adds, such as virtual-host addressing); the same requests and error codes either way
 * @param payloadSigning whether the {@code vertx} client signs each body's SHA-256 ({@code signed}) or sends
 *     {@code UNSIGNED-PAYLOAD} ({@code unsigned}); {@code auto} (default) signs over plain {@code http://} to another
 *     host, and not over {@code https://} or to a loopback address, where the transport already protects the body
 */
@JsonDeserialize(builder = S3Settings.Builder.class)
public record S3Settings(
        String endpoint,
        String accessKey,
        String secretKey,
        String region,
        List<S3Permission> read,
        List<S3Permission> write,
        long maxObjectBytes,
        int maxConcurrentRequests,
        Duration requestTimeout,
        Set<String> immutableBuckets,
        String client,
        String payloadSigning) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final long DEFAULT_MAX_OBJECT_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final String ANY_BUCKET = "*";
    public static final String CLIENT_VERTX = "vertx";
    public static final String CLIENT_MINIO = "minio";
    public static final String DEFAULT_CLIENT = CLIENT_VERTX;
    public static final String PAYLOAD_AUTO = "auto";
    public static final String PAYLOAD_SIGNED = "signed";
    public static final String PAYLOAD_UNSIGNED = "unsigned";
    public static final String DEFAULT_PAYLOAD_SIGNING = PAYLOAD_AUTO;
    /** Most threads that issue S3 requests and read their bodies, however many requests may be in flight. */
    public static final int MAX_IO_THREADS = 16;

    public S3Settings {
        read = read == null ? null : List.copyOf(read);
        write = write == null ? null : List.copyOf(write);
        immutableBuckets = immutableBuckets == null ? null : Set.copyOf(immutableBuckets);
        client = client == null ? null : client.toLowerCase(Locale.ROOT);
        payloadSigning = payloadSigning == null ? null : payloadSigning.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether requests carry their body's SHA-256 in the signature: always for {@code signed}, never for
     * {@code unsigned}; for {@code auto}, unless the endpoint is {@code https://} (TLS protects the body) or a
     * loopback address (the body never leaves this host). Hashing a job's ~100 KB {@code prediction.png} costs about
     * 0.06 ms of CPU (BENCHMARKS.md).
     */
    public boolean signsPayload() {
        if (PAYLOAD_SIGNED.equals(payloadSigning)) {
            return true;
        }
        if (PAYLOAD_UNSIGNED.equals(payloadSigning)) {
            return false;
        }
        URI uri = URI.create(endpoint);
        return !"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost());
    }

    /** A literal loopback address or {@code localhost}; no name is resolved here. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region(region)
                .read(read)
                .write(write)
                .maxObjectBytes(maxObjectBytes)
                .maxConcurrentRequests(maxConcurrentRequests)
                .requestTimeout(requestTimeout)
                .immutableBuckets(immutableBuckets)
                .client(client)
                .payloadSigning(payloadSigning);
    }

    /** Whether a read grant covers some keys of {@code bucket}. */
    public boolean mayReadBucket(String bucket) {
        return read.stream().anyMatch(g -> g.coversBucket(bucket));
    }

    /** Whether a read grant covers the object. */
    public boolean mayRead(String bucket, String key) {
        return read.stream().anyMatch(g -> g.covers(bucket, key));
    }

    /** Whether a write grant covers some keys of {@code bucket} and the bucket is not immutable. */
    public boolean mayWriteBucket(String bucket) {
        return !isImmutable(bucket) && write.stream().anyMatch(g -> g.coversBucket(bucket));
    }

    /** Whether a write grant covers the object and its bucket is not immutable. */
    public boolean mayWrite(String bucket, String key) {
        return !isImmutable(bucket) && write.stream().anyMatch(g -> g.covers(bucket, key));
    }

    /** Whether the bucket's keys are written once ({@code immutableBuckets}): the worker never writes there. */
    public boolean isImmutable(String bucket) {
        return immutableBuckets.contains(bucket);
    }

    /** Every bucket named by a read or write grant (not the wildcard), read grants first. */
    public Set<String> buckets() {
        Set<String> names = new LinkedHashSet<>();
        Stream.concat(read.stream(), write.stream()).filter(g -> !g.anyBucket()).forEach(g -> names.add(g.bucket()));
        return names;
    }

    /**
     * Threads of the {@code minio} client that issue requests and read response bodies: one per request in flight, at
     * most {@link #MAX_IO_THREADS} (the {@code vertx} client needs one event loop thread, whatever the bound).
     */
    public int ioThreads() {
        return Math.min(MAX_IO_THREADS, maxConcurrentRequests);
    }

    /** A bucket whose existence tells that the store answers (readiness), or empty when only {@code "*"} is granted. */
    public Optional<String> probeBucket() {
        return buckets().stream().findFirst();
    }

    void validate(Problems p) {
        p.requireText(endpoint, "s3.endpoint");
        p.requireText(accessKey, "s3.accessKey");
        p.requireText(secretKey, "s3.secretKey");
        p.requireText(region, "s3.region");
        S3PermissionRules.validate(this, p);
        p.requirePositive(maxObjectBytes, "s3.maxObjectBytes");
        p.requirePositive(maxConcurrentRequests, "s3.maxConcurrentRequests");
        p.requirePositive(requestTimeout, "s3.requestTimeout");
        p.require(
                CLIENT_VERTX.equals(client) || CLIENT_MINIO.equals(client),
                "s3.client must be " + CLIENT_VERTX + " or " + CLIENT_MINIO + ", was " + client);
        p.require(
                PAYLOAD_AUTO.equals(payloadSigning)
                        || PAYLOAD_SIGNED.equals(payloadSigning)
                        || PAYLOAD_UNSIGNED.equals(payloadSigning),
                "s3.payloadSigning must be " + PAYLOAD_AUTO + ", " + PAYLOAD_SIGNED + " or " + PAYLOAD_UNSIGNED
                        + ", was " + payloadSigning);
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", read=" + read + ", write=" + write
                + ", immutableBuckets=" + immutableBuckets + ", maxObjectBytes=" + maxObjectBytes + ", client=" + client
                + ", payloadSigning=" + payloadSigning
                + ", accessKey=***, secretKey=***]";
    }

    /** Starts from the defaults; also reads the {@code s3} section of the YAML. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String endpoint;
        private String accessKey;
        private String secretKey;
        private String region = DEFAULT_REGION;
        private List<S3Permission> read = List.of();
        private List<S3Permission> write = List.of();
        private Set<String> allowedBuckets = Set.of();
        private long maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Set<String> immutableBuckets = Set.of();
        private String client = DEFAULT_CLIENT;
        private String payloadSigning = DEFAULT_PAYLOAD_SIGNING;

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

        /** Grants jobs reading the objects these cover. */
        public Builder read(List<S3Permission> value) {
            read = value;
            return this;
        }

        /** Grants jobs writing their results where these cover. */
        public Builder write(List<S3Permission> value) {
            write = value;
            return this;
        }

        /**
         * The deprecated shorthand: each bucket granted whole for reading and writing, added to {@link #read} and
         * {@link #write}. Prefer separate grants, since jobs may then overwrite any key of these buckets.
         */
        @Deprecated
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

        public Builder client(String value) {
            client = value;
            return this;
        }

        public Builder payloadSigning(String value) {
            payloadSigning = value;
            return this;
        }

        public S3Settings build() {
            return new S3Settings(
                    endpoint,
                    accessKey,
                    secretKey,
                    region,
                    withShorthand(read),
                    withShorthand(write),
                    maxObjectBytes,
                    maxConcurrentRequests,
                    requestTimeout,
                    immutableBuckets,
                    client,
                    payloadSigning);
        }

        private List<S3Permission> withShorthand(List<S3Permission> grants) {
            if (grants == null || allowedBuckets == null || allowedBuckets.isEmpty()) {
                return grants;
            }
            List<S3Permission> all = new ArrayList<>(grants);
            allowedBuckets.stream().sorted().map(S3Permission::bucket).forEach(all::add);
            return all;
        }
    }
}
