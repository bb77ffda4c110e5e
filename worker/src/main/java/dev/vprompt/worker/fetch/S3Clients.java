package dev.vprompt.worker.fetch;

import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.client.s3.S3ClientOptions;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.fetch.MinioObjectStore;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.fetch.VertxObjectStore;
import io.minio.MinioAsyncClient;
import java.net.URI;
import java.time.Duration;

/**
 * The worker's S3 client, built by the project's one S3 client builder ({@link S3ClientFactory}: {@code TCP_NODELAY},
 * so a small PUT does not stall tens of milliseconds on a delayed ACK) from the worker's {@link S3Settings}: the
 * request timeout bounds connect, read and write; {@code maxConcurrentRequests} bounds the calls in flight and the
 * idle connections kept. Stateless.
 */
public final class S3Clients {

    /** How long an idle pooled connection is kept. */
    static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    private S3Clients() {}

    /** A non-blocking client for the worker's endpoint; its calls complete on OkHttp's dispatcher threads. */
    public static MinioAsyncClient async(S3Settings s) {
        return new S3ClientFactory(URI.create(s.endpoint()), s.accessKey(), s.secretKey(), s.region(), options(s))
                .asyncClient();
    }

    /**
     * The worker's object store as {@code s3.client} names it: S3 over Vert.x ({@code vertx}) or over {@code minio},
     * the MinIO client given (also used to load models from S3).
     */
    public static ObjectStore store(S3Settings s, MinioAsyncClient minio) {
        return S3Settings.CLIENT_MINIO.equals(s.client())
                ? new MinioObjectStore(minio, s.ioThreads(), s.maxConcurrentRequests())
                : VertxObjectStore.create(
                        URI.create(s.endpoint()),
                        s.accessKey(),
                        s.secretKey(),
                        s.region(),
                        s.maxConcurrentRequests(),
                        s.requestTimeout(),
                        s.signsPayload());
    }

    static S3ClientOptions options(S3Settings s) {
        return new S3ClientOptions(
                s.requestTimeout(),
                s.requestTimeout(),
                s.requestTimeout(),
                s.maxConcurrentRequests(),
                s.maxConcurrentRequests(),
                KEEP_ALIVE);
    }
}
