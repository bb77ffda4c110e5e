package dev.vprompt.worker.fetch;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches all images of a job in parallel (examples, query, optional ground truth). Thread-safe; the returned future
 * completes on an S3 I/O thread and fails with the first failure's {@link dev.vprompt.worker.JobFailure}.
 */
public final class ImageFetcher {

    private final ObjectStore store;
    private final long maxObjectBytes;

    public ImageFetcher(ObjectStore store, long maxObjectBytes) {
        this.store = store;
        this.maxObjectBytes = maxObjectBytes;
    }

    public CompletableFuture<JobImages> fetch(PromptJob job) {
        List<CompletableFuture<byte[]>> all = new ArrayList<>();
        List<CompletableFuture<byte[]>[]> pairs = new ArrayList<>();
        for (ExamplePair pair : job.getExamples()) {
            @SuppressWarnings("unchecked")
            CompletableFuture<byte[]>[] p = new CompletableFuture[] {get(pair.getInput()), get(pair.getOutput())};
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
            List<byte[][]> examples = new ArrayList<>(pairs.size());
            for (CompletableFuture<byte[]>[] p : pairs) {
                examples.add(new byte[][] {p[0].join(), p[1].join()});
            }
            return new JobImages(examples, query.join(), truth.join());
        });
    }

    private CompletableFuture<byte[]> get(ObjectRef ref) {
        return store.get(ref.getBucket(), ref.getKey(), ref.getVersionId(), maxObjectBytes);
    }
}
