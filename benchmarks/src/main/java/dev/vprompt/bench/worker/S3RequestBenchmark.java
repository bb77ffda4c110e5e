package dev.vprompt.bench.worker;

import dev.vprompt.embedded.EmbeddedS3;
import dev.vprompt.worker.config.S3Permission;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.fetch.S3Clients;
import dev.vprompt.worker.internal.fetch.AwsObjectStore;
import dev.vprompt.worker.internal.fetch.MinioObjectStore;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.fetch.VertxObjectStore;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S3 request overhead of the worker's {@link ObjectStore}s ({@code client}: {@code vertx}, S3 over the Vert.x HTTP
 * client with the body's SHA-256 signed, {@code vertx-unsigned} the same with {@code UNSIGNED-PAYLOAD}, what
 * {@code s3.payloadSigning: auto} picks on loopback and TLS; {@code minio}, the MinIO SDK) and of a candidate over
 * the AWS SDK v2 async client ({@code aws}: {@link AwsObjectStore}, benchmark-only) against the real S3 server
 * (S3Proxy) started once per trial in this JVM on 127.0.0.1: one operation is one request of a job's sizes, issued and awaited by one thread
 * (a GET of a 20 KB query, a PUT of a 45 KB {@code prediction.png} and of a 0.5 KB {@code mask.png}).
 *
 * <p>The server's CPU counts in {@code cpu.time.norm} (CpuTimeProfiler); {@code cpu.threads.norm} (ThreadCpuProfiler,
 * default pattern) counts only the client's threads ({@code vp-s3-*}, {@code OkHttp*}) and the benchmark thread, which
 * is what the worker pays per request. Allocation ({@code -prof gc}) includes the server's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class S3RequestBenchmark {

    static final String BUCKET = "bench";
    static final int QUERY_BYTES = 20_000;
    static final int PREDICTION_BYTES = 45_000;
    static final int MASK_BYTES = 500;

    static final String MINIO = "minio";
    static final String AWS = "aws";
    static final String VERTX = "vertx";
    static final String VERTX_UNSIGNED = "vertx-unsigned";

    @Param({MINIO, VERTX, VERTX_UNSIGNED, AWS})
    public String client;

    private EmbeddedS3 s3;
    private ObjectStore store;
    private final byte[] prediction = bytes(PREDICTION_BYTES, 2);
    private final byte[] mask = bytes(MASK_BYTES, 3);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        s3 = EmbeddedS3.start();
        s3.createBucket(BUCKET);
        S3Settings settings = S3Settings.builder()
                .endpoint(s3.endpoint().toString())
                .credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region())
                .read(List.of(S3Permission.bucket(BUCKET)))
                .write(List.of(S3Permission.bucket(BUCKET)))
                .build();
        store = switch (client) {
            case MINIO ->
                new MinioObjectStore(S3Clients.async(settings), settings.ioThreads(), settings.maxConcurrentRequests());
            case AWS -> AwsObjectStore.create(settings);
            case VERTX, VERTX_UNSIGNED ->
                VertxObjectStore.create(
                        s3.endpoint(),
                        settings.accessKey(),
                        settings.secretKey(),
                        settings.region(),
                        settings.maxConcurrentRequests(),
                        settings.requestTimeout(),
                        VERTX.equals(client));
            default ->
                throw new IllegalArgumentException("client must be minio, vertx, vertx-unsigned or aws, was " + client);
        };
        store.put(BUCKET, "images/query.png", bytes(QUERY_BYTES, 1), "image/png")
                .get(30, TimeUnit.SECONDS);
    }

    /**
     * Stops the server only: JMH runs this before the last iteration's profilers, so closing the store here would end
     * its threads before {@code ThreadCpuProfiler} reads their CPU time (its threads are daemons; the fork exits).
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        s3.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b); // incompressible, like PNG data
        return b;
    }

    @Benchmark
    public byte[] getQuery20k() throws Exception {
        return store.get(BUCKET, "images/query.png", null, S3Settings.DEFAULT_MAX_OBJECT_BYTES)
                .get(30, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object putPrediction45k() throws Exception {
        return store.put(BUCKET, "results/job/prediction.png", prediction, "image/png")
                .get(30, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object putMask500() throws Exception {
        return store.put(BUCKET, "results/job/mask.png", mask, "image/png").get(30, TimeUnit.SECONDS);
    }
}
