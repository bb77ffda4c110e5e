package dev.vprompt.cli.eval;

import dev.vprompt.cli.pool.PoolBuilder;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExamplePoolFormat;
import dev.vprompt.engine.retrieval.ExampleRef;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.ModelRuntime;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Example pools for {@code vp eval --retrieval pool}: a split's candidate pairs embedded with the served model and
 * uploaded as a pool (index, then head, under content-addressed keys), whose head the episodes' jobs name.
 *
 * <p>Not thread-safe: owns a model backend, used and closed on the thread that runs the evaluation.
 */
public final class EvalPools implements AutoCloseable {

    private final ModelRuntime runtime;
    private InferenceBackend backend;

    /** @param runtime the model the deployment serves (pools of another model are refused by the worker) */
    public EvalPools(ModelRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Embeds {@code pairs} and uploads the pool.
     *
     * @param images decodes a pair's input
     * @return the pool's head, for {@code PromptJob.examplePool}
     */
    public ObjectRef upload(
            List<PoolBuilder.Pair> pairs, Function<PoolBuilder.Pair, RgbImage> images, ImageUploader uploader) {
        if (backend == null) {
            backend = runtime.backend(runtime.devices().get(0));
        }
        ExamplePool pool = new PoolBuilder(backend, runtime.identity(), PoolBuilder.DEFAULT_BATCH, Clock.systemUTC())
                .build(pairs, images);
        ObjectRef index = uploader.upload(ExamplePoolFormat.writeIndex(pool), "vpi");
        return uploader.upload(ExamplePoolFormat.writeHead(pool, index.getKey()), "json");
    }

    /** A pool pair of two uploaded images. */
    public static PoolBuilder.Pair pair(ObjectRef input, ObjectRef output) {
        return new PoolBuilder.Pair(ref(input), ref(output));
    }

    private static ExampleRef ref(ObjectRef r) {
        return new ExampleRef(r.getBucket(), r.getKey(), r.getVersionId());
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
    }
}
