package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A candidate {@link ObjectStore} over the AWS SDK for Java v2 async client (Netty), measured against the worker's
 * {@link MinioObjectStore} by {@code S3RequestBenchmark}. It is not part of the worker: it cost 1.8-2.8x the MinIO
 * client's CPU per request there and about 2.3x end to end (see BENCHMARKS.md), so the worker keeps the MinIO SDK. It
 * lives in the worker's package (in this module only) to share the store's request limiter, and does the same work per
 * request as the worker's store: requests issued (signed) on a bounded pool {@code vp-s3-io-N} through the same
 * {@link AsyncLimiter}, bodies read once into an array with the size limit ({@link BoundedBytes}), futures completed
 * on that pool (the client's future-completion executor). Client settings: path-style, no SDK retries, checksums
 * only where S3 requires them, the payload signed over plain HTTP (the SDK's rule; UNSIGNED-PAYLOAD over HTTPS). Error
 * classification is left out (the benchmark sees no errors). Thread-safe.
 */
public final class AwsObjectStore implements ObjectStore {

    /** Netty event-loop threads of the client ({@code vp-s3-net-N}). */
    static final int EVENT_LOOP_THREADS = 2;

    static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    private final S3AsyncClient client;
    private final ExecutorService io;
    private final AsyncLimiter limiter;

    private AwsObjectStore(S3AsyncClient client, ExecutorService io, int maxConcurrentRequests) {
        this.client = client;
        this.io = io;
        this.limiter = new AsyncLimiter(maxConcurrentRequests, io);
    }

    /** A store for the settings' endpoint, with {@code s.ioThreads()} I/O threads, as the worker would build it. */
    public static AwsObjectStore create(S3Settings s) {
        ExecutorService io = new ThreadPoolExecutor(
                s.ioThreads(),
                s.ioThreads(),
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                namedDaemons("vp-s3-io-"));
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                // a builder, not a group: the client then owns its event loop and shuts it down on close
                .eventLoopGroupBuilder(SdkEventLoopGroup.builder()
                        .numberOfThreads(EVENT_LOOP_THREADS)
                        .threadFactory(namedDaemons("vp-s3-net-")))
                .maxConcurrency(s.maxConcurrentRequests())
                .connectionTimeout(s.requestTimeout())
                .readTimeout(s.requestTimeout())
                .writeTimeout(s.requestTimeout())
                .connectionMaxIdleTime(KEEP_ALIVE);
        S3AsyncClient client = S3AsyncClient.builder()
                .endpointOverride(URI.create(s.endpoint()))
                .forcePathStyle(true)
                .region(Region.of(s.region()))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(http)
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, io))
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(s.requestTimeout()))
                .build();
        return new AwsObjectStore(client, io, s.maxConcurrentRequests());
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes) {
        return limiter.submit(() -> client.getObject(
                GetObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .versionId(versionId)
                        .build(),
                new BoundedBytes(maxBytes, "s3://" + bucket + "/" + key)));
    }

    @Override
    public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(contentType)
                .contentLength((long) bytes.length)
                .build();
        // the caller hands the bytes over: the SDK reads them without a defensive copy
        return limiter.submit(() -> client.putObject(request, AsyncRequestBody.fromBytesUnsafe(bytes))
                .thenApply(r -> null));
    }

    @Override
    public CompletableFuture<Void> probe(String bucket) {
        return CompletableFuture.supplyAsync(() -> client.listBuckets(), io)
                .thenCompose(f -> f)
                .thenApply(r -> null);
    }

    /** Closes the client (its connections and Netty event loop) and the I/O pool. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            io.shutdownNow();
        }
    }

    /** The worker's answer to a body over the limit. */
    static JobFailure tooLarge(String what, long size, long max) {
        return JobFailure.permanent(
                ErrorCode.IMAGE_TOO_LARGE, what + " has " + size + "+ bytes; the limit is " + max + " bytes");
    }
}
