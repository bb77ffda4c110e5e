package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.FailureClassifier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * {@link ObjectStore} over the AWS SDK for Java v2 async client ({@code s3.client: aws}; built by
 * {@link dev.vprompt.worker.fetch.S3Clients#aws}). Requests are issued (signed) on the store's small bounded pool
 * ({@code vp-s3-io-N}), at most {@code maxConcurrentRequests} at once; the SDK's Netty event loop writes requests and
 * reads bodies ({@link BoundedBytes}: one copy, the size limit enforced while reading); the returned futures complete
 * on the {@code vp-s3-io-N} pool (the client's future-completion executor), never on the caller's thread or the event
 * loop. The client must be built with that same pool ({@link #ioPool()}), no retries (the worker retries) and
 * checksums only where S3 requires them. Failures are classified by {@link FailureClassifier#s3}, as for the MinIO
 * client. Thread-safe.
 */
public final class AwsObjectStore implements ObjectStore {

    /** A probe reads at most this much of the probe object (it need not exist; a larger one is still an answer). */
    static final long PROBE_MAX_BYTES = 64 * 1024;

    private final S3AsyncClient client;
    private final ExecutorService io;
    private final AsyncLimiter limiter;

    /**
     * @param client built to complete its futures on {@code io}
     * @param io the store's thread pool ({@link #ioPool(int)}), shut down by {@link #close()}
     * @param maxConcurrentRequests requests in flight at once (request + body); more wait in a queue
     */
    public AwsObjectStore(S3AsyncClient client, ExecutorService io, int maxConcurrentRequests) {
        this.client = client;
        this.io = io;
        this.limiter = new AsyncLimiter(maxConcurrentRequests, io);
    }

    /** The pool of daemon threads {@code vp-s3-io-N} that issues requests and completes the client's futures. */
    public static ExecutorService ioPool(int threads) {
        return StoreRequests.ioPool(threads);
    }

    @Override
    public CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes) {
        return limiter.submit(() -> doGet(bucket, key, versionId, maxBytes));
    }

    private CompletableFuture<byte[]> doGet(String bucket, String key, String versionId, long maxBytes) {
        String what = StoreRequests.what(bucket, key);
        if (StoreRequests.tooLong(key)) {
            return CompletableFuture.failedFuture(StoreRequests.keyTooLong(what));
        }
        try {
            GetObjectRequest request = GetObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .versionId(versionId)
                    .build();
            return classified(client.getObject(request, new BoundedBytes(maxBytes, what)), what);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(FailureClassifier.s3(e, what));
        }
    }

    @Override
    public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
        return limiter.submit(() -> doPut(bucket, key, bytes, contentType));
    }

    private CompletableFuture<Void> doPut(String bucket, String key, byte[] bytes, String contentType) {
        String what = StoreRequests.what(bucket, key);
        if (StoreRequests.tooLong(key)) {
            return CompletableFuture.failedFuture(StoreRequests.keyTooLong(what));
        }
        try {
            PutObjectRequest request = PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .contentType(contentType)
                    .contentLength((long) bytes.length)
                    .build();
            // the caller hands the bytes over: the SDK reads them without a defensive copy
            return classified(client.putObject(request, AsyncRequestBody.fromBytesUnsafe(bytes)), what)
                    .thenApply(r -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(FailureClassifier.s3(e, what));
        }
    }

    /** Not queued behind the jobs' requests: the probe measures the store, not this worker's backlog. */
    @Override
    public CompletableFuture<Void> probe(String bucket) {
        return CompletableFuture.supplyAsync(() -> doProbe(bucket), io).thenCompose(f -> f);
    }

    private CompletableFuture<Void> doProbe(String bucket) {
        String what = bucket == null ? "s3 bucket listing" : StoreRequests.what(bucket, StoreRequests.PROBE_KEY);
        try {
            CompletableFuture<?> answered = bucket == null
                    ? client.listBuckets()
                    : client.getObject(
                            GetObjectRequest.builder()
                                    .bucket(bucket)
                                    .key(StoreRequests.PROBE_KEY)
                                    .build(),
                            new BoundedBytes(PROBE_MAX_BYTES, what));
            return classified(answered, what).<Void>thenApply(v -> null).exceptionallyCompose(t -> {
                JobFailure f = JobFailure.of(t);
                // a permanent answer (NoSuchKey, AccessDenied, too large, ...) is still the store answering
                return f.kind() == JobFailure.Kind.TRANSIENT
                        ? CompletableFuture.failedFuture(f)
                        : CompletableFuture.completedFuture(null);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(FailureClassifier.s3(e, what));
        }
    }

    private static <T> CompletableFuture<T> classified(CompletableFuture<T> call, String what) {
        return call.exceptionallyCompose(t -> CompletableFuture.failedFuture(FailureClassifier.s3(t, what)));
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
}
