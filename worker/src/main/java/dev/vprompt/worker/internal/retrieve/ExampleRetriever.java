package dev.vprompt.worker.internal.retrieve;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExampleRef;
import dev.vprompt.engine.retrieval.NearestExamples;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.UsedExample;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.BatcherFullException;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.prompt.PromptAssembler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Picks the examples of a job that names an example pool: reads the query and the pool (in parallel; the pool from
 * the {@link PoolCache}), checks that the pool was built by the served model, embeds the query through the batcher
 * (an embedding unit of one, with the job's priority and deadline), and takes the {@code k} pool pairs nearest to it
 * ({@link NearestExamples}: cosine similarity, never the query itself). Jobs that name their own examples pass
 * through unchanged. For a pool job the query is read twice (here and by the fetch stage), which keeps the stages
 * apart at the cost of one small read.
 *
 * <p>Failures: a pool that is unreadable, of another model, or too small is EXAMPLE_POOL_UNUSABLE (permanent); a
 * picked pair outside the worker's read grants fails as the validator fails such a ref (FORBIDDEN_BUCKET or
 * FORBIDDEN_KEY): a pool cannot widen what a job may read; a full batcher is transient; store errors are whatever the
 * store says.
 *
 * <p>Thread-safe: stateless but for the thread-safe cache; decoding and the search run on {@code cpu}.
 */
public final class ExampleRetriever {

    /** The worker's read grants: throws a permanent {@link JobFailure} for a ref they do not cover. */
    @FunctionalInterface
    public interface ReadGrants {
        void requireReadable(ObjectRef ref, String what);
    }

    private final ObjectStore store;
    private final long maxObjectBytes;
    private final PromptAssembler decoder;
    private final DynamicBatcher<Canvas, Inferred> batcher;
    private final ModelIdentity model;
    private final Executor cpu;
    private final PoolCache pools;
    private final ReadGrants grants;
    private final CanvasBuilder builder = new CanvasBuilder();

    /**
     * @param decoder decodes the query with the worker's image limits
     * @param model the served model (pools built by another are refused; its id keys the embedding batches)
     * @param cpu where the query is decoded and the pool searched
     * @param grants checks every picked pair against the worker's read grants
     */
    public ExampleRetriever(
            ObjectStore store,
            long maxObjectBytes,
            PromptAssembler decoder,
            DynamicBatcher<Canvas, Inferred> batcher,
            ModelIdentity model,
            Executor cpu,
            LongSupplier nanoTime,
            ReadGrants grants) {
        this.store = store;
        this.maxObjectBytes = maxObjectBytes;
        this.decoder = decoder;
        this.batcher = batcher;
        this.model = model;
        this.cpu = cpu;
        this.pools = new PoolCache(store, maxObjectBytes, nanoTime);
        this.grants = grants;
    }

    /** The job with its examples: unchanged when it names its own, else picked from its pool. */
    public CompletableFuture<ResolvedJob> resolve(PromptJob job) {
        if (job.getExamplePool() == null) {
            return CompletableFuture.completedFuture(ResolvedJob.explicit(job));
        }
        ObjectRef q = job.getQuery();
        CompletableFuture<byte[]> query = store.get(q.getBucket(), q.getKey(), q.getVersionId(), maxObjectBytes);
        CompletableFuture<ExamplePool> pool = pools.get(job.getExamplePool()).thenApply(this::requireSameModel);
        return query.thenCombineAsync(pool, (bytes, p) -> builder.embedding(decoder.decodeQuery(bytes)), cpu)
                .thenCompose(canvas -> embed(job, canvas))
                .thenCombineAsync(pool, (embedding, p) -> pick(job, p, embedding), cpu);
    }

    /** The query's embedding, computed by the inference thread in a batch of embeddings. */
    private CompletableFuture<float[]> embed(PromptJob job, Canvas canvas) {
        long deadline =
                job.getDeadline() == null ? Long.MAX_VALUE : job.getDeadline().toEpochMilli();
        BatchKey key = new BatchKey(model.id(), canvas.mask().keptCount(), BatchKey.Work.EMBED);
        try {
            return batcher.submit(key, job.getJobId(), canvas, job.getPriority(), deadline)
                    .thenApply(Inferred::embedding);
        } catch (BatcherFullException e) {
            return CompletableFuture.failedFuture(JobFailure.transientFailure(e.getMessage(), e));
        }
    }

    private ExamplePool requireSameModel(ExamplePool pool) {
        boolean same = pool.modelSha256() != null
                ? pool.modelSha256().equals(model.sha256())
                : model.sha256() == null && pool.modelName().equals(model.name());
        if (!same) {
            throw PoolCache.unusable("the example pool was built with " + describe(pool.modelName(), pool.modelSha256())
                    + "; this worker serves " + describe(model.name(), model.sha256()));
        }
        return pool;
    }

    private static String describe(String name, String sha256) {
        return name + (sha256 == null ? "" : " (sha256 " + sha256 + ")");
    }

    private ResolvedJob pick(PromptJob job, ExamplePool pool, float[] embedding) {
        if (embedding.length != pool.dim()) {
            throw PoolCache.unusable(
                    "the example pool holds " + pool.dim() + "-value embeddings, the model gives " + embedding.length);
        }
        ObjectRef q = job.getQuery();
        List<NearestExamples.Match> top = NearestExamples.top(
                pool, embedding, new ExampleRef(q.getBucket(), q.getKey(), q.getVersionId()), job.getK());
        if (top.size() < job.getK()) {
            throw PoolCache.unusable("the example pool (version " + pool.version() + ") has " + top.size()
                    + " usable pairs for this query, the job asks for " + job.getK());
        }
        List<ExamplePair> pairs = new ArrayList<>(top.size());
        List<UsedExample> used = new ArrayList<>(top.size());
        for (NearestExamples.Match m : top) {
            ObjectRef in = ref(m.entry().input());
            ObjectRef out = ref(m.entry().output());
            grants.requireReadable(in, "picked example input");
            grants.requireReadable(out, "picked example output");
            pairs.add(ExamplePair.newBuilder().setInput(in).setOutput(out).build());
            used.add(UsedExample.newBuilder()
                    .setInput(in)
                    .setOutput(out)
                    .setSimilarity(m.similarity())
                    .build());
        }
        PromptJob resolved = PromptJob.newBuilder(job).setExamples(pairs).build();
        return new ResolvedJob(resolved, used, pool.version());
    }

    private static ObjectRef ref(ExampleRef r) {
        return ObjectRef.newBuilder()
                .setBucket(r.bucket())
                .setKey(r.key())
                .setVersionId(r.versionId())
                .build();
    }
}
