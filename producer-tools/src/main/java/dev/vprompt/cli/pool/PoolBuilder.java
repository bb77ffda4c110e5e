package dev.vprompt.cli.pool;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExamplePoolFormat;
import dev.vprompt.engine.retrieval.ExampleRef;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.ModelIdentity;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Builds an example pool: each pair's input embedded as the worker embeds a query (the embedding canvas of
 * {@link CanvasBuilder#embedding}, the backend's {@code embed}), in batches, so pool and queries share one space; then
 * writes it as a new immutable index and points the head at it (index first, so a reader never sees a head naming a
 * missing index). The version is the build time and a hash of the content, e.g. {@code 20261206T100000Z-3fa2c1d0}.
 *
 * <p>Not thread-safe: the backend it is given belongs to the calling thread.
 */
public final class PoolBuilder {

    /** Default number of inputs embedded per model call. */
    public static final int DEFAULT_BATCH = 16;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One example pair to put in the pool. */
    public record Pair(ExampleRef input, ExampleRef output) {}

    /** Where a written pool lies. */
    public record Written(String headKey, String indexKey) {}

    private final InferenceBackend backend;
    private final ModelIdentity model;
    private final int batch;
    private final Clock clock;
    private final CanvasBuilder canvases = new CanvasBuilder();

    /**
     * @param backend the served model on this thread (its {@code embed} must be supported)
     * @param model what the backend is (recorded in the pool; workers of another model refuse it)
     */
    public PoolBuilder(InferenceBackend backend, ModelIdentity model, int batch, Clock clock) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        this.backend = backend;
        this.model = model;
        this.batch = batch;
        this.clock = clock;
    }

    /**
     * Embeds every pair's input.
     *
     * @param read decodes a pair's input image (called once per pair, in order)
     */
    public ExamplePool build(List<Pair> pairs, Function<Pair, RgbImage> read) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one example pair");
        }
        List<float[]> embeddings = new ArrayList<>(pairs.size());
        for (int start = 0; start < pairs.size(); start += batch) {
            List<Canvas> chunk = new ArrayList<>();
            for (Pair p : pairs.subList(start, Math.min(pairs.size(), start + batch))) {
                chunk.add(canvases.embedding(read.apply(p)));
            }
            embeddings.addAll(backend.embed(chunk));
        }
        int dim = embeddings.get(0).length;
        float[] flat = new float[pairs.size() * dim];
        for (int i = 0; i < embeddings.size(); i++) {
            System.arraycopy(embeddings.get(i), 0, flat, i * dim, dim);
        }
        List<ExamplePool.Entry> entries = pairs.stream()
                .map(p -> new ExamplePool.Entry(p.input(), p.output()))
                .toList();
        String version = STAMP.format(clock.instant()) + "-" + contentHash(entries, flat);
        return new ExamplePool(version, model.name(), model.sha256(), dim, entries, flat);
    }

    /** Writes the pool's index, then its head, under {@code at}. */
    public static Written write(MinioClient s3, S3Location at, ExamplePool pool) throws Exception {
        String indexKey = ExamplePoolFormat.indexKey(at.prefix(), pool.version());
        String headKey = ExamplePoolFormat.headKey(at.prefix());
        put(s3, at.bucket(), indexKey, ExamplePoolFormat.writeIndex(pool), "application/octet-stream");
        put(s3, at.bucket(), headKey, ExamplePoolFormat.writeHead(pool, indexKey), "application/json");
        return new Written(headKey, indexKey);
    }

    private static void put(MinioClient s3, String bucket, String key, byte[] bytes, String type) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(type).stream(
                        new ByteArrayInputStream(bytes), bytes.length, -1)
                .build());
    }

    private static String contentHash(List<ExamplePool.Entry> entries, float[] embeddings) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ExamplePool.Entry e : entries) {
                md.update((e.input() + "\n" + e.output() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            ByteBuffer b = ByteBuffer.allocate(4 * embeddings.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(embeddings);
            md.update(b.array());
            return HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
