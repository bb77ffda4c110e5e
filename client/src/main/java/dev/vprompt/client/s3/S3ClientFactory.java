package dev.vprompt.client.s3;

import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds MinIO SDK clients (sync and async) for one S3 endpoint and one set of credentials. All clients built by one
 * factory share a single OkHttp client, hence one connection pool; its sockets have {@code TCP_NODELAY} set (see
 * {@link NoDelaySocketFactory}).
 *
 * <pre>{@code
 * try (S3ClientFactory s3 = new S3ClientFactory(endpoint, accessKey, secretKey, "us-east-1")) {
 *     MinioClient client = s3.client();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: the factory and the clients it builds may be shared by all threads. {@link #close()} releases the
 * shared connection pool and dispatcher threads; clients built by the factory must not be used afterwards.
 */
public final class S3ClientFactory implements AutoCloseable {

    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final OkHttpClient httpClient;

    public S3ClientFactory(URI endpoint, String accessKey, String secretKey, String region) {
        this(endpoint, accessKey, secretKey, region, S3ClientOptions.defaults());
    }

    public S3ClientFactory(URI endpoint, String accessKey, String secretKey, String region, S3ClientOptions options) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("S3 endpoint must be http or https: " + endpoint);
        }
        this.endpoint = endpoint.toString();
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.region = Objects.requireNonNull(region, "region");
        this.httpClient = httpClient(options);
    }

    /** An OkHttp client with {@code TCP_NODELAY}, the given timeouts, pool and concurrency limits. */
    public static OkHttpClient httpClient(S3ClientOptions options) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(options.maxConcurrentRequests());
        dispatcher.setMaxRequestsPerHost(options.maxConcurrentRequests());
        return new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.writeTimeout())
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(
                        options.maxIdleConnections(), options.keepAlive().toMillis(), TimeUnit.MILLISECONDS))
                .build();
    }

    /** A blocking client. */
    public MinioClient client() {
        return MinioClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region(region)
                .httpClient(httpClient)
                .build();
    }

    /** A non-blocking client; its calls complete on OkHttp's dispatcher threads. */
    public MinioAsyncClient asyncClient() {
        return MinioAsyncClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region(region)
                .httpClient(httpClient)
                .build();
    }

    /** The shared OkHttp client (for inspection and tests). */
    public OkHttpClient httpClient() {
        return httpClient;
    }

    /** Stops the dispatcher threads and closes pooled connections. Safe to call twice. */
    @Override
    public void close() {
        httpClient.dispatcher().executorService().shutdown();
        httpClient.connectionPool().evictAll();
    }
}
