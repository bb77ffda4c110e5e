package dev.vprompt.worker.internal.fetch;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.FailureClassifier;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.HostAndPort;
import java.io.EOFException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link ObjectStore} speaking the S3 REST protocol itself over a non-blocking Vert.x HTTP client: path-style
 * addressing ({@code <endpoint>/<bucket>/<key>}), AWS Signature Version 4 ({@link SigV4Signer}), the body's SHA-256
 * signed or, where TLS or loopback already protect it, {@code UNSIGNED-PAYLOAD} ({@code s3.payloadSigning}).
 *
 * <p>Why not the MinIO SDK: each request through it costs three thread hand-offs (signing thread, OkHttp dispatcher
 * with blocking socket I/O, body-reading thread); here a request is signed, sent and its response read on one event
 * loop, with no blocking call anywhere (BENCHMARKS.md, "S3 over Vert.x").
 *
 * <p>Threading: the store owns a Vert.x instance with one event loop thread, {@code vp-s3-loop}. Every request is
 * signed, issued and answered on it, and every future this store returns completes on it (never on the caller's
 * thread), so callers continue elsewhere with an {@code ...Async} stage. Connections are pooled, at most
 * {@code maxConcurrentRequests} at once; further requests wait in the pool's queue. Thread-safe.
 */
public final class VertxObjectStore implements ObjectStore {

    static final String THREAD_NAME = "vp-s3-loop";
    private static final int DEFAULT_HTTP_PORT = 80;
    private static final int DEFAULT_HTTPS_PORT = 443;

    private final Vertx vertx;
    private final Context loop;
    private final HttpClientAgent http;
    private final SigV4Signer signer;
    private final boolean signPayload;
    private final Clock clock;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final HostAndPort authority;
    /** The {@code Host} header the client sends for {@link #authority}, signed with every request. */
    private final String hostHeader;

    private final String basePath;
    private final long timeoutMillis;

    /**
     * @param endpoint {@code http(s)://host[:port][/path]} of the S3 service
     * @param maxConcurrentRequests connections (and so requests) in flight at once
     * @param requestTimeout bounds connecting and every wait for the peer while sending or receiving
     * @param signPayload whether a body's SHA-256 is signed (the server then verifies it) or the request says
     *     {@code UNSIGNED-PAYLOAD} ({@code S3Settings.signsPayload()} decides)
     */
    public static VertxObjectStore create(
            URI endpoint,
            String accessKey,
            String secretKey,
            String region,
            int maxConcurrentRequests,
            Duration requestTimeout,
            boolean signPayload) {
        return new VertxObjectStore(
                endpoint,
                new SigV4Signer(accessKey, secretKey, region),
                maxConcurrentRequests,
                requestTimeout,
                signPayload,
                Clock.systemUTC());
    }

    private VertxObjectStore(
            URI endpoint,
            SigV4Signer signer,
            int maxConcurrentRequests,
            Duration requestTimeout,
            boolean signPayload,
            Clock clock) {
        String scheme = endpoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("the S3 endpoint must be http:// or https://, was " + endpoint);
        }
        this.ssl = "https".equalsIgnoreCase(scheme);
        this.host = endpoint.getHost();
        int defaultPort = ssl ? DEFAULT_HTTPS_PORT : DEFAULT_HTTP_PORT;
        this.port = endpoint.getPort() < 0 ? defaultPort : endpoint.getPort();
        this.authority = port == defaultPort ? HostAndPort.authority(host) : HostAndPort.authority(host, port);
        this.hostHeader = authority.toString();
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.signer = signer;
        this.signPayload = signPayload;
        this.clock = clock;
        this.timeoutMillis = requestTimeout.toMillis();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        this.loop = vertx.getOrCreateContext();
        loop.runOnContext(v -> Thread.currentThread().setName(THREAD_NAME));
        this.http = vertx.createHttpClient(
                new HttpClientOptions()
                        .setTcpNoDelay(true)
                        .setKeepAlive(true)
                        .setKeepAliveTimeout((int) Duration.ofMinutes(5).toSeconds())
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                        .setSsl(ssl)
                        .setForceSni(ssl), // virtual-hosted TLS endpoints pick their certificate by name
                new PoolOptions().setHttp1MaxSize(maxConcurrentRequests));
    }

    @Override
    public CompletableFuture<byte[]> get(String bucket, String key, String versionId, long maxBytes) {
        String what = StoreRules.describe(bucket, key);
        if (StoreRules.tooLong(key)) {
            return CompletableFuture.failedFuture(StoreRules.keyTooLong(what));
        }
        String query = versionId == null ? "" : "versionId=" + SigV4Signer.uriEncode(versionId, false);
        return onLoop(
                what,
                () -> exchange(HttpMethod.GET, objectPath(bucket, key), query, null, null, what)
                        .compose(response -> readLimited(response, maxBytes, what)));
    }

    @Override
    public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType) {
        String what = StoreRules.describe(bucket, key);
        if (StoreRules.tooLong(key)) {
            return CompletableFuture.failedFuture(StoreRules.keyTooLong(what));
        }
        return onLoop(
                what,
                () -> exchange(HttpMethod.PUT, objectPath(bucket, key), "", bytes, contentType, what)
                        .compose(HttpClientResponse::body)
                        .map(b -> (Void) null));
    }

    /** A GET of the probe key (or of the bucket listing): any answer of S3 but a transient one means the store is up. */
    @Override
    public CompletableFuture<Void> probe(String bucket) {
        String what = bucket == null ? "s3 bucket listing" : StoreRules.describe(bucket, StoreRules.PROBE_KEY);
        String path = bucket == null ? basePath + "/" : objectPath(bucket, StoreRules.PROBE_KEY);
        return onLoop(
                        what,
                        () -> exchange(HttpMethod.GET, path, "", null, null, what)
                                .compose(HttpClientResponse::body)
                                .map(b -> (Void) null))
                .exceptionallyCompose(t -> StoreRules.upUnlessTransient(JobFailure.of(t)));
    }

    private String objectPath(String bucket, String key) {
        return basePath + "/" + SigV4Signer.uriEncode(bucket, false) + "/" + SigV4Signer.uriEncode(key, true);
    }

    /** Runs {@code exchange} on the loop and hands its outcome, classified, to a future completed there. */
    private <T> CompletableFuture<T> onLoop(String what, Supplier<Future<T>> exchange) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.runOnContext(v -> {
                Future<T> f;
                try {
                    f = exchange.get();
                } catch (RuntimeException e) {
                    f = Future.failedFuture(e);
                }
                f.onComplete(result::complete, t -> result.completeExceptionally(classify(t, what)));
            });
        } catch (RuntimeException e) { // the loop is closed: the worker is stopping
            result.completeExceptionally(JobFailure.transientFailure(what + ": store closed: " + e, e));
        }
        return result;
    }

    /**
     * Signs and sends one request; completes with the response when S3 answered 2xx (its body not yet read), fails
     * with S3's classified answer otherwise.
     */
    private Future<HttpClientResponse> exchange(
            HttpMethod method, String path, String query, byte[] body, String contentType, String what) {
        String payloadHash = body == null
                ? SigV4Signer.EMPTY_SHA256
                : signPayload ? SigV4Signer.sha256Hex(body) : SigV4Signer.UNSIGNED_PAYLOAD;
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(query.isEmpty() ? path : path + "?" + query)
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        return http.request(options).compose(request -> {
            request.authority(authority);
            sign(request, method, path, query, payloadHash);
            if (body != null) {
                request.putHeader("Content-Type", contentType);
            }
            // the body wrapped, not copied: Netty copies it once, into the socket's direct buffer
            Future<HttpClientResponse> sent =
                    body == null ? request.send() : request.send(BufferInternal.buffer(Unpooled.wrappedBuffer(body)));
            return sent.compose(response ->
                    response.statusCode() / 100 == 2 ? Future.succeededFuture(response) : failure(response, what));
        });
    }

    private void sign(HttpClientRequest request, HttpMethod method, String path, String query, String payloadHash) {
        SortedMap<String, String> signed = new TreeMap<>();
        signed.put("host", hostHeader);
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", signer.amzDate(clock.millis()));
        request.putHeader("x-amz-content-sha256", payloadHash);
        request.putHeader("x-amz-date", signed.get("x-amz-date"));
        request.putHeader("Authorization", signer.authorization(method.name(), path, query, signed));
    }

    /** Reads S3's error document ({@code <Error><Code>NoSuchKey</Code>...}) and classifies the answer. */
    private static <T> Future<T> failure(HttpClientResponse response, String what) {
        int status = response.statusCode();
        return response.body()
                .transform(read -> Future.failedFuture(FailureClassifier.s3Answer(
                        read.succeeded() ? errorCode(read.result()) : "", status, what, null)));
    }

    /** The {@code Code} of an S3 error document, or "" when the body holds none (e.g. a HEAD or a proxy's page). */
    static String errorCode(Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("<Code>");
        int end = start < 0 ? -1 : text.indexOf("</Code>", start);
        return end < 0 ? "" : text.substring(start + "<Code>".length(), end).strip();
    }

    /** Collects the body, failing with IMAGE_TOO_LARGE (and dropping the connection) once it exceeds {@code max}. */
    private static Future<byte[]> readLimited(HttpClientResponse response, long max, String what) {
        String length = response.getHeader("Content-Length");
        long declared = length == null ? -1 : Long.parseLong(length);
        if (declared > max) {
            response.exceptionHandler(ignored -> {}); // the reset below is ours: nothing to report
            response.request().reset();
            return Future.failedFuture(StoreRules.tooLarge(what, declared, max));
        }
        Promise<byte[]> read = Promise.promise();
        response.exceptionHandler(read::tryFail);
        if (declared >= 0) {
            readDeclared(response, (int) declared, read);
            return read.future();
        }
        Buffer bytes = Buffer.buffer(8192);
        response.handler(chunk -> {
            if (bytes.length() + (long) chunk.length() > max) {
                if (read.tryFail(StoreRules.tooLarge(what, bytes.length() + (long) chunk.length(), max))) {
                    response.request().reset();
                }
            } else if (!read.future().isComplete()) {
                bytes.appendBuffer(chunk);
            }
        });
        response.endHandler(v -> read.tryComplete(bytes.getBytes()));
        return read.future();
    }

    /**
     * A body of known length (within the limit) read straight into its array: one copy per chunk, no growing buffer
     * and no copy of it at the end. Netty frames the body by its {@code Content-Length}, so the chunks cannot
     * overrun it; a body that ends short fails as the transport failing.
     */
    private static void readDeclared(HttpClientResponse response, int length, Promise<byte[]> read) {
        byte[] bytes = new byte[length];
        int[] filled = {0};
        response.handler(chunk -> {
            int n = Math.min(chunk.length(), length - filled[0]);
            chunk.getBytes(0, n, bytes, filled[0]);
            filled[0] += n;
        });
        response.endHandler(v -> {
            if (filled[0] == length) {
                read.tryComplete(bytes);
            } else {
                read.tryFail(new EOFException("body ended after " + filled[0] + " of " + length + " declared bytes"));
            }
        });
    }

    /** S3's own answers are already classified; anything else is the transport failing: the store is unreachable. */
    private static JobFailure classify(Throwable t, String what) {
        Throwable c = JobFailure.unwrap(t);
        if (c instanceof JobFailure f) {
            return f;
        }
        return JobFailure.transientFailure(Dependency.STORE, what + ": " + c, c);
    }

    /** Closes the connections and stops the loop; requests still in flight fail as transient. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the loop thread is a daemon-like Netty thread; a close that did not finish in time is left to the JVM
        }
    }
}
