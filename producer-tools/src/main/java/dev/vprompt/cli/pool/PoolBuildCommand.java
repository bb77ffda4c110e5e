package dev.vprompt.cli.pool;

import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.cli.options.ConnectionOptions;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExampleRef;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.ModelRuntime;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vp pool build}: pairs every example input under one prefix with the output of the same name under another,
 * embeds the inputs with the served model and writes the pool (head and index) under a third prefix.
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread, which also owns the model.
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Builds an example pool for retrieval: every image under --images is an example input, paired with the",
            "image of the same name (any extension) under --outputs; inputs are embedded with the model the workers",
            "serve (--model/--config as the worker's model.path/config; neither: the worker's default model) and the",
            "pool is written under --pool: <pool>/pool-<version>.vpi, then <pool>/pool.json naming it. Jobs name the",
            "head (examplePool = <pool>/pool.json, with k); a worker serving another model refuses the pool.",
            "",
            "Example:",
            "  ./vp pool build --images s3://vp-images/pool/inputs --outputs s3://vp-images/pool/masks \\",
            "                  --pool s3://vp-images/pools/demo --model checkpoint-1000.pth"
        })
public final class PoolBuildCommand implements Callable<Integer> {

    /** Extensions read as images. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "bmp", "gif", "tif", "tiff");

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--images", required = true, paramLabel = "S3URL", description = "the example inputs")
    String images;

    @Option(names = "--outputs", required = true, paramLabel = "S3URL", description = "their outputs, by name")
    String outputs;

    @Option(names = "--pool", required = true, paramLabel = "S3URL", description = "where the pool is written")
    String pool;

    @Option(names = "--model", paramLabel = "PATH", description = "checkpoint the workers serve (local file)")
    String model;

    @Option(names = "--config", paramLabel = "JSON", description = "architecture config of --model")
    String modelConfig;

    @Option(names = "--null-model", description = "embed with the null model (pipeline tests)")
    boolean nullModel;

    @Option(names = "--device", description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device = "cpu";

    @Option(names = "--batch", paramLabel = "N", description = "inputs per model call (default ${DEFAULT-VALUE})")
    int batch = PoolBuilder.DEFAULT_BATCH;

    @Option(names = "--verbose", description = "show the engine's INFO logs")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        LogLevels.quietUnless(verbose);
        S3Location in = S3Location.parse(images);
        S3Location out = S3Location.parse(outputs);
        S3Location at = S3Location.parse(pool);
        PrintWriter stdout = spec.commandLine().getOut();
        ModelRuntime runtime = ModelRuntime.create(
                ModelSettings.builder()
                        .path(model)
                        .config(modelConfig)
                        .nullModel(nullModel)
                        .devices(List.of(device))
                        .build(),
                null);
        try (S3ClientFactory factory = connection.connection().s3()) {
            MinioClient s3 = factory.client();
            Map<String, String> inputs = images(s3, in);
            Map<String, String> labels = images(s3, out);
            List<PoolBuilder.Pair> pairs = new ArrayList<>();
            for (Map.Entry<String, String> e : inputs.entrySet()) {
                String label = labels.get(e.getKey());
                if (label != null) {
                    pairs.add(new PoolBuilder.Pair(
                            new ExampleRef(in.bucket(), e.getValue(), null),
                            new ExampleRef(out.bucket(), label, null)));
                }
            }
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("no input under " + in + " has an output of the same name under "
                        + out + " (" + inputs.size() + " inputs, " + labels.size() + " outputs)");
            }
            ImageDecoder decoder = new ImageDecoder();
            ExamplePool built;
            try (InferenceBackend backend = runtime.backend(runtime.devices().get(0))) {
                built = new PoolBuilder(backend, runtime.identity(), batch, Clock.systemUTC())
                        .build(pairs, p -> decode(decoder, read(s3, p.input()), p.input()));
            }
            PoolBuilder.Written written = PoolBuilder.write(s3, at, built);
            stdout.printf(
                    Locale.ROOT,
                    "pool %s: %d pairs (%d inputs without an output skipped), %d-value embeddings, version %s%n",
                    at,
                    built.size(),
                    inputs.size() - pairs.size(),
                    built.dim(),
                    built.version());
            stdout.println("model: " + runtime.identity().describe());
            stdout.println("head:  s3://" + at.bucket() + "/" + written.headKey());
            stdout.println("index: s3://" + at.bucket() + "/" + written.indexKey());
            stdout.flush();
        }
        return 0;
    }

    /** The images under {@code at}, by name without extension (relative to the prefix), sorted by name. */
    static Map<String, String> images(MinioClient s3, S3Location at) throws Exception {
        Map<String, String> byName = new TreeMap<>();
        Iterable<Result<Item>> listing = s3.listObjects(ListObjectsArgs.builder()
                .bucket(at.bucket())
                .prefix(at.listPrefix())
                .recursive(true)
                .build());
        for (Result<Item> r : listing) {
            String key = r.get().objectName();
            String relative = key.substring(at.listPrefix().length());
            int dot = relative.lastIndexOf('.');
            if (dot <= 0
                    || !IMAGE_EXTENSIONS.contains(relative.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            String previous = byName.put(relative.substring(0, dot), key);
            if (previous != null) {
                throw new IllegalArgumentException("two images named " + relative.substring(0, dot) + " under " + at
                        + ": " + previous + " and " + key);
            }
        }
        return byName;
    }

    private static RgbImage decode(ImageDecoder decoder, byte[] bytes, ExampleRef ref) {
        try {
            return decoder.decode(bytes);
        } catch (ImageDecodeException e) {
            throw new IllegalArgumentException("s3://" + ref.bucket() + "/" + ref.key() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(MinioClient s3, ExampleRef ref) {
        try (InputStream in = s3.getObject(
                GetObjectArgs.builder().bucket(ref.bucket()).object(ref.key()).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read s3://" + ref.bucket() + "/" + ref.key() + ": " + e, e);
        }
    }
}
