package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.FailureClassifier;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ObjectStore} over the MinIO async client. Requests are issued (signed) and response bodies read on a small
 * bounded pool ({@code vp-s3-io-N}), at most {@code maxConcurrentRequests} at once, so neither the event loop nor the
 * inference thread ever waits on the network or spends CPU on request signing.
 * Thread-safe.
 */
public final class MinioObjectStore implements ObjectStore {

    private final MinioAsyncClient client;
    private final ExecutorService io;
    private final AsyncLimiter limiter;

    /**
     * @param ioThreads threads that issue requests and read response bodies
     * @param maxConcurrentRequests requests in flight at once (request + body); more wait in a queue
     */
    public MinioObjectStore(MinioAsyncClient client, int ioThreads, int maxConcurrentRequests) {
        this.client = client;
        AtomicInteger n = new AtomicInteger();
        this.io = new ThreadPoolExecutor(ioThreads, ioThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "vp-s3-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.limiter = new AsyncLimiter(maxConcurrentRequests, io);
    }

    @Override
    public CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes) {
        return limiter.submit(() -> doGet(bucket, key, versionId, maxBytes));
    }

    private CompletableFuture<byte[]> doGet(String bucket, String key, String versionId, long maxBytes) {
        String what = StoreRules.describe(bucket, key);
        if (StoreRules.tooLong(key)) {
            return CompletableFuture.failedFuture(StoreRules.keyTooLong(what));
        }
        try {
            GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(key);
            if (versionId != null) {
                args.versionId(versionId);
            }
            return client.getObject(args.build())
                    .thenApplyAsync(response -> readLimited(response, maxBytes, what), io)
                    .exceptionallyCompose(t -> CompletableFuture.failedFuture(FailureClassifier.s3(t, what)));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(FailureClassifier.s3(e, what));
        }
    }

    private static byte[] readLimited(GetObjectResponse response, long maxBytes, String what) {
        try (InputStream in = response) {
            String length = response.headers().get("Content-Length");
            if (length != null && Long.parseLong(length) > maxBytes) {
                throw StoreRules.tooLarge(what, Long.parseLong(length), maxBytes);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length == null ? 8192 : Integer.parseInt(length));
            byte[] buf = new byte[16384];
            long total = 0;
            int r;
            while ((r = in.read(buf)) >= 0) {
                total += r;
                if (total > maxBytes) {
                    throw StoreRules.tooLarge(what, total, maxBytes);
                }
                out.write(buf, 0, r);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw JobFailure.transientFailure(Dependency.STORE, what + ": read failed: " + e, e);
        }
    }

    @Override
    public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
        return limiter.submit(() -> doPut(bucket, key, bytes, contentType));
    }

    private CompletableFuture<Void> doPut(String bucket, String key, byte[] bytes, String contentType) {
        String what = StoreRules.describe(bucket, key);
        if (StoreRules.tooLong(key)) {
            return CompletableFuture.failedFuture(StoreRules.keyTooLong(what));
        }
        try {
            return client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(contentType).stream(
                                    new ByteArrayInputStream(bytes), bytes.length, -1)
                            .build())
                    .<Void>thenApply(r -> null)
                    .exceptionallyCompose(t -> CompletableFuture.failedFuture(FailureClassifier.s3(t, what)));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(FailureClassifier.s3(e, what));
        }
    }

    /** Not queued behind the jobs' requests: the probe measures the store, not this worker's backlog. */
    @Override
    public CompletableFuture<Void> probe(String bucket) {
        return CompletableFuture.supplyAsync(() -> doProbe(bucket), io).thenCompose(f -> f);
    }

    private CompletableFuture<Void> doProbe(String bucket) {
        String what = bucket == null ? "s3 bucket listing" : StoreRules.describe(bucket, StoreRules.PROBE_KEY);
        try {
            CompletableFuture<Void> answered = bucket == null
                    ? client.listBuckets().thenApply(b -> null)
                    : client.getObject(GetObjectArgs.builder()
                                    .bucket(bucket)
                                    .object(StoreRules.PROBE_KEY)
                                    .build())
                            .thenApplyAsync(
                                    response -> {
                                        try (response) {
                                            return null;
                                        } catch (IOException e) {
                                            return null; // the store answered; closing its body does not matter
                                        }
                                    },
                                    io);
            return answered.<Void>thenApply(v -> null)
                    .exceptionallyCompose(t -> StoreRules.upUnlessTransient(FailureClassifier.s3(t, what)));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(FailureClassifier.s3(e, what));
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
