package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
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
import java.nio.charset.StandardCharsets;
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

    /** S3's limit on a key: longer keys are refused (KeyTooLongError) by S3 and MinIO, so they are refused here too. */
    public static final int MAX_KEY_BYTES = 1024;

    /** The key the store probe reads; it need not exist (NoSuchKey is an answer). */
    static final String PROBE_KEY = ".vprompt-probe";

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
        String what = "s3://" + bucket + "/" + key;
        if (tooLong(key)) {
            return CompletableFuture.failedFuture(keyTooLong(what));
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
                throw tooLarge(what, Long.parseLong(length), maxBytes);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length == null ? 8192 : Integer.parseInt(length));
            byte[] buf = new byte[16384];
            long total = 0;
            int r;
            while ((r = in.read(buf)) >= 0) {
                total += r;
                if (total > maxBytes) {
                    throw tooLarge(what, total, maxBytes);
                }
                out.write(buf, 0, r);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw JobFailure.transientFailure(Dependency.STORE, what + ": read failed: " + e, e);
        }
    }

    private static boolean tooLong(String key) {
        return key.length() > MAX_KEY_BYTES / 3 && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES;
    }

    /** What S3 would answer (KeyTooLongError), whatever the server: some S3-compatible servers accept longer keys. */
    private static JobFailure keyTooLong(String what) {
        return FailureClassifier.s3Answer(
                "KeyTooLongError", 400, what + " (a key longer than " + MAX_KEY_BYTES + " bytes)", null);
    }

    private static JobFailure tooLarge(String what, long size, long max) {
        return JobFailure.permanent(
                ErrorCode.IMAGE_TOO_LARGE, what + " has " + size + "+ bytes; the limit is " + max + " bytes");
    }

    @Override
    public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
        return limiter.submit(() -> doPut(bucket, key, bytes, contentType));
    }

    private CompletableFuture<Void> doPut(String bucket, String key, byte[] bytes, String contentType) {
        String what = "s3://" + bucket + "/" + key;
        if (tooLong(key)) {
            return CompletableFuture.failedFuture(keyTooLong(what));
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
        String what = bucket == null ? "s3 bucket listing" : "s3://" + bucket + "/" + PROBE_KEY;
        try {
            CompletableFuture<Void> answered = bucket == null
                    ? client.listBuckets().thenApply(b -> null)
                    : client.getObject(GetObjectArgs.builder()
                                    .bucket(bucket)
                                    .object(PROBE_KEY)
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
            return answered.<Void>thenApply(v -> null).exceptionallyCompose(t -> {
                JobFailure f = FailureClassifier.s3(t, what);
                // a permanent answer (NoSuchKey, AccessDenied, ...) is still the store answering
                return f.kind() == JobFailure.Kind.TRANSIENT
                        ? CompletableFuture.failedFuture(f)
                        : CompletableFuture.completedFuture(null);
            });
        } catch (Exception e) {
            return CompletableFuture.failedFuture(FailureClassifier.s3(e, what));
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
