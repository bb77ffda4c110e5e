package dev.vprompt.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 protocol server running in this JVM (S3Proxy on Jetty) at {@code http://127.0.0.1:<port>} (a free port
 * unless the config fixes one), with AWS signature v4 authentication and an in-memory store (or a directory given by
 * the caller, which survives a restart).
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.start()) {
 *     s3.createBucket("images");
 *     // clients use s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.region()
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread; {@link #close()} is idempotent.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedS3.class);
    /** A fixed port may still be held for a moment by a server that is going away: retry it for ~10 s. */
    private static final int FIXED_PORT_ATTEMPTS = 20;

    private static final long FIXED_PORT_RETRY_MS = 500;

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final EmbeddedS3Config config;
    private final S3Proxy proxy;
    private final BlobStore store;
    private final URI endpoint;
    private final Lifecycle lifecycle = new Lifecycle();

    private EmbeddedS3(EmbeddedS3Config config, S3Proxy proxy, BlobStore store) {
        this.config = config;
        this.proxy = proxy;
        this.store = store;
        this.endpoint = URI.create("http://" + LoopbackPorts.HOST + ":" + proxy.getPort());
    }

    /** Starts an in-memory server with {@link EmbeddedS3Config#defaults()}. */
    public static EmbeddedS3 start() {
        return start(EmbeddedS3Config.defaults());
    }

    /**
     * Starts the server and returns once it accepts connections.
     *
     * @throws EmbeddedStartException when Jetty does not start
     */
    public static EmbeddedS3 start(EmbeddedS3Config config) {
        long started = System.nanoTime();
        BlobStore store = config.storageDirectory() == null
                ? new TransientNio2BlobStore()
                : new FilesystemNio2BlobStore(config.storageDirectory().toString());
        // Port 0: Jetty binds a free port itself, so there is no race with other processes.
        URI bind = URI.create("http://" + LoopbackPorts.HOST + ":" + config.port());
        int attempts = config.port() == EmbeddedS3Config.ANY_PORT ? 1 : FIXED_PORT_ATTEMPTS;
        S3Proxy proxy = null;
        for (int attempt = 1; proxy == null; attempt++) {
            S3Proxy candidate = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(bind)
                    .awsAuthentication(AuthenticationType.AWS_V4, config.accessKey(), config.secretKey())
                    .build();
            try {
                candidate.start();
                proxy = candidate;
            } catch (Exception e) {
                stopQuietly(candidate, null);
                if (attempt >= attempts || !causedByBind(e)) {
                    stopQuietly(null, store);
                    throw new EmbeddedStartException("embedded S3 server did not start on " + bind, e);
                }
                LOGGER.warn(
                        "Embedded S3 could not bind its port, retrying: attempt={} port={}", attempt, config.port());
                pauseBeforeRetry(store);
            }
        }
        EmbeddedS3 s3 = new EmbeddedS3(config, proxy, store);
        LOGGER.info(
                "Embedded S3 started: endpoint={} store={} startMs={}",
                s3.endpoint,
                config.storageDirectory() == null ? "memory" : config.storageDirectory(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return s3;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public String accessKey() {
        return config.accessKey();
    }

    public String secretKey() {
        return config.secretKey();
    }

    public String region() {
        return config.region();
    }

    /** The caller's storage directory, or {@code null} when the store is in memory. */
    public Path storageDirectory() {
        return config.storageDirectory();
    }

    /**
     * Creates a bucket unless it exists.
     *
     * @throws IllegalArgumentException when the name breaks the S3 bucket naming rules (3-63 characters of lower-case
     *     letters, digits, dots and hyphens, starting and ending with a letter or digit), as a real S3 would refuse it
     */
    public void createBucket(String name) {
        lifecycle.requireRunning("embedded S3");
        requireValidBucketName(name);
        if (!store.containerExists(name)) {
            store.createContainer(name);
        }
    }

    /** {@link #createBucket(String)} for several buckets. */
    public void createBuckets(List<String> names) {
        names.forEach(this::createBucket);
    }

    /** Stops Jetty and releases the store (an in-memory store loses its data). Safe to call twice. */
    @Override
    public void close() {
        if (!lifecycle.beginClose()) {
            return;
        }
        stopQuietly(proxy, store);
        lifecycle.closed();
        LOGGER.info("Embedded S3 stopped: endpoint={}", endpoint);
    }

    static void requireValidBucketName(String name) {
        if (name == null || !BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("invalid S3 bucket name: '" + name + "'");
        }
    }

    private static void pauseBeforeRetry(BlobStore store) {
        try {
            Thread.sleep(FIXED_PORT_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(null, store);
            throw new EmbeddedStartException("interrupted while waiting for a port", e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    /** Stops whichever of the two is given. */
    private static void stopQuietly(S3Proxy proxy, BlobStore store) {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                LOGGER.warn("Embedded S3 did not stop cleanly", e);
            }
        }
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOGGER.warn("Embedded S3 store did not close cleanly", e);
            }
        }
    }
}
