package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.FailureClassifier;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every {@link ObjectStore} over S3 checks and answers the same way, whatever its client: S3's key length limit,
 * the size limit of a read, the probe's key, and the store's own I/O threads. Stateless and thread-safe.
 */
final class StoreRequests {

    /** S3's limit on a key: longer keys are refused (KeyTooLongError) by S3 and MinIO, so they are refused here too. */
    static final int MAX_KEY_BYTES = 1024;

    /** The key the store probe reads; it need not exist (NoSuchKey is an answer). */
    static final String PROBE_KEY = ".vprompt-probe";

    /** Thread name prefix of the stores' I/O threads (the pipeline benchmark counts the worker's CPU by name). */
    static final String IO_THREAD_PREFIX = "vp-s3-io-";

    private StoreRequests() {}

    static String what(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    static boolean tooLong(String key) {
        return key.length() > MAX_KEY_BYTES / 3 && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES;
    }

    /** What S3 would answer (KeyTooLongError), whatever the server: some S3-compatible servers accept longer keys. */
    static JobFailure keyTooLong(String what) {
        return FailureClassifier.s3Answer(
                "KeyTooLongError", 400, what + " (a key longer than " + MAX_KEY_BYTES + " bytes)", null);
    }

    static JobFailure tooLarge(String what, long size, long max) {
        return JobFailure.permanent(
                ErrorCode.IMAGE_TOO_LARGE, what + " has " + size + "+ bytes; the limit is " + max + " bytes");
    }

    /** The store's bounded pool of daemon threads {@code vp-s3-io-N}. */
    static ExecutorService ioPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, IO_THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
