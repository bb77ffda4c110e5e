package dev.vprompt.worker.internal.fetch;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches all images of a job in parallel (examples, query, optional ground truth); examples whose prepared cell is
 * in the {@link ExampleCache} are not read at all. Thread-safe; the returned future completes on an S3 I/O thread
 * and fails with the first failure's {@link dev.vprompt.worker.internal.job.JobFailure}.
 */
public final class ImageFetcher {

    private final ObjectStore store;
    private final long maxObjectBytes;
    private final ExampleCache cache;

    public ImageFetcher(ObjectStore store, long maxObjectBytes) {
        this(store, maxObjectBytes, ExampleCache.disabled());
    }

    public ImageFetcher(ObjectStore store, long maxObjectBytes, ExampleCache cache) {
        this.store = store;
        this.maxObjectBytes = maxObjectBytes;
        this.cache = cache;
    }

    public CompletableFuture<JobImages> fetch(PromptJob job) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        List<CompletableFuture<FetchedImage>[]> pairs = new ArrayList<>();
        boolean masks = JobImages.outputsAreMasks(job.getTask());
        CellKind cells = CellKind.of(job);
        for (ExamplePair pair : job.getExamples()) {
            @SuppressWarnings("unchecked")
            CompletableFuture<FetchedImage>[] p = new CompletableFuture[] {
                example(pair.getInput(), false, cells), example(pair.getOutput(), masks, cells)
            };
            pairs.add(p);
            all.add(p[0]);
            all.add(p[1]);
        }
        CompletableFuture<byte[]> query = get(job.getQuery());
        all.add(query);
        CompletableFuture<byte[]> truth =
                job.getGroundTruth() == null ? CompletableFuture.completedFuture(null) : get(job.getGroundTruth());
        all.add(truth);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<FetchedImage[]> examples = new ArrayList<>(pairs.size());
            for (CompletableFuture<FetchedImage>[] p : pairs) {
                examples.add(new FetchedImage[] {p[0].join(), p[1].join()});
            }
            return new JobImages(examples, query.join(), truth.join());
        });
    }

    private CompletableFuture<FetchedImage> example(ObjectRef ref, boolean mask, CellKind cells) {
        ExampleCache.Key key = cache.keyOf(ref, mask, cells);
        RgbImage cell = key == null ? null : cache.get(key);
        if (cell != null) {
            return CompletableFuture.completedFuture(FetchedImage.cached(cell, key));
        }
        return get(ref).thenApply(bytes -> FetchedImage.encoded(bytes, key));
    }

    private CompletableFuture<byte[]> get(ObjectRef ref) {
        return store.get(ref.getBucket(), ref.getKey(), ref.getVersionId(), maxObjectBytes);
    }
}
