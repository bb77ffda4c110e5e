package dev.vprompt.client.s3;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport settings of the S3 clients built by {@link S3ClientFactory}.
 *
 * @param connectTimeout TCP connect timeout; default 5 s
 * @param readTimeout longest silence while reading a response; default 30 s
 * @param writeTimeout longest stall while writing a request; default 30 s
 * @param maxConcurrentRequests concurrent calls of the async client, per host and overall (OkHttp's default of 5 per
 *     host throttles a fetch stage); default {@value #DEFAULT_MAX_CONCURRENT_REQUESTS}
 * @param maxIdleConnections pooled keep-alive connections; default {@value #DEFAULT_MAX_IDLE_CONNECTIONS}
 * @param keepAlive how long an idle pooled connection is kept; default 60 s
 */
public record S3ClientOptions(
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        int maxConcurrentRequests,
        int maxIdleConnections,
        Duration keepAlive) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
    public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 16;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);

    public S3ClientOptions {
        List<String> problems = new ArrayList<>();
        requirePositive("connectTimeout", connectTimeout, problems);
        requirePositive("readTimeout", readTimeout, problems);
        requirePositive("writeTimeout", writeTimeout, problems);
        requirePositive("keepAlive", keepAlive, problems);
        if (maxConcurrentRequests < 1) {
            problems.add("maxConcurrentRequests must be >= 1, was " + maxConcurrentRequests);
        }
        if (maxIdleConnections < 0) {
            problems.add("maxIdleConnections must be >= 0, was " + maxIdleConnections);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid S3ClientOptions: " + String.join("; ", problems));
        }
    }

    public static S3ClientOptions defaults() {
        return new S3ClientOptions(
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                DEFAULT_WRITE_TIMEOUT,
                DEFAULT_MAX_CONCURRENT_REQUESTS,
                DEFAULT_MAX_IDLE_CONNECTIONS,
                DEFAULT_KEEP_ALIVE);
    }

    private static void requirePositive(String name, Duration value, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, was " + value);
        }
    }
}
