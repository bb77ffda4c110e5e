package dev.vprompt.worker.fetch;

import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.client.s3.S3ClientOptions;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.fetch.AwsObjectStore;
import dev.vprompt.worker.internal.fetch.MinioObjectStore;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import io.minio.MinioAsyncClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The worker's S3 clients, built from its {@link S3Settings}: the MinIO client by the project's one S3 client builder
 * ({@link S3ClientFactory}: {@code TCP_NODELAY}, so a small PUT does not stall tens of milliseconds on a delayed ACK),
 * or the AWS SDK v2 async client over Netty ({@code s3.client: aws}). Either way the request timeout bounds connect,
 * read and write, and {@code maxConcurrentRequests} bounds the calls in flight and the connections kept. Stateless.
 */
public final class S3Clients {

    /** How long an idle pooled connection is kept. */
    static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    /** Netty event-loop threads of the AWS client: two carry a worker's S3 traffic (a few hundred requests/s). */
    static final int AWS_EVENT_LOOP_THREADS = 2;

    /** Thread name prefix of the AWS client's Netty event loop (the pipeline benchmark counts worker CPU by name). */
    public static final String AWS_EVENT_LOOP_PREFIX = "vp-s3-net-";

    private S3Clients() {}

    /** The object store the settings name ({@code s3.client}), with its own I/O threads. */
    public static ObjectStore store(S3Settings s) {
        if (S3Settings.CLIENT_AWS.equals(s.client())) {
            ExecutorService io = AwsObjectStore.ioPool(s.ioThreads());
            return new AwsObjectStore(aws(s, io), io, s.maxConcurrentRequests());
        }
        return new MinioObjectStore(async(s), s.ioThreads(), s.maxConcurrentRequests());
    }

    /** A non-blocking MinIO client for the worker's endpoint; its calls complete on OkHttp's dispatcher threads. */
    public static MinioAsyncClient async(S3Settings s) {
        return new S3ClientFactory(URI.create(s.endpoint()), s.accessKey(), s.secretKey(), s.region(), options(s))
                .asyncClient();
    }

    /**
     * The AWS SDK v2 async client for the worker's endpoint: path-style addresses (S3-compatible servers), no SDK
     * retries (the worker's retry policy decides), checksums only where S3 requires them (no CRC32 of every body),
     * its futures completed on {@code completions}. The payload is signed (SHA-256) over plain HTTP and sent as
     * {@code UNSIGNED-PAYLOAD} over HTTPS, the SDK's default for S3.
     */
    public static S3AsyncClient aws(S3Settings s, ExecutorService completions) {
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                // a builder, not a group: the client then owns its event loop and shuts it down on close
                .eventLoopGroupBuilder(SdkEventLoopGroup.builder()
                        .numberOfThreads(AWS_EVENT_LOOP_THREADS)
                        .threadFactory(namedDaemons(AWS_EVENT_LOOP_PREFIX)))
                .maxConcurrency(s.maxConcurrentRequests())
                .connectionTimeout(s.requestTimeout())
                .readTimeout(s.requestTimeout())
                .writeTimeout(s.requestTimeout())
                .connectionMaxIdleTime(KEEP_ALIVE);
        return S3AsyncClient.builder()
                .endpointOverride(URI.create(s.endpoint()))
                .forcePathStyle(true)
                .region(Region.of(s.region()))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(http)
                .asyncConfiguration(
                        a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completions))
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(s.requestTimeout()))
                .build();
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
