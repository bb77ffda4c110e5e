package dev.vprompt.worker.internal.fetch;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the images of a job in parallel (examples, query, optional ground truth), but those {@link ImagesToRead}
 * leaves out: examples the caller already holds and images the prompt does not use. Thread-safe; the returned future
 * completes on an S3 I/O thread and fails with the first failure's {@link dev.vprompt.worker.internal.job.JobFailure}.
 */
public final class ImageFetcher {

    private static final CompletableFuture<byte[]> NOT_READ = CompletableFuture.completedFuture(null);

    private final ObjectStore store;
    private final long maxObjectBytes;

    public ImageFetcher(ObjectStore store, long maxObjectBytes) {
        this.store = store;
        this.maxObjectBytes = maxObjectBytes;
    }

    /** Reads every image of the job. */
    public CompletableFuture<JobImages> fetch(PromptJob job) {
        return fetch(job, ImagesToRead.ALL);
    }

    /** Reads the job's images that {@code toRead} asks for; the others are null in the result. */
    public CompletableFuture<JobImages> fetch(PromptJob job, ImagesToRead toRead) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        List<CompletableFuture<byte[]>[]> pairs = new ArrayList<>();
        List<ExamplePair> examples = job.getExamples();
        for (int i = 0; i < examples.size(); i++) {
            @SuppressWarnings("unchecked")
            CompletableFuture<byte[]>[] p = new CompletableFuture[] {
                toRead.example(i, false) ? get(examples.get(i).getInput()) : NOT_READ,
                toRead.example(i, true) ? get(examples.get(i).getOutput()) : NOT_READ
            };
            pairs.add(p);
            all.add(p[0]);
            all.add(p[1]);
        }
        CompletableFuture<byte[]> query = get(job.getQuery());
        all.add(query);
        CompletableFuture<byte[]> truth =
                job.getGroundTruth() == null || !toRead.groundTruth() ? NOT_READ : get(job.getGroundTruth());
        all.add(truth);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<JobImages.Pair> read = new ArrayList<>(pairs.size());
            for (CompletableFuture<byte[]>[] p : pairs) {
                read.add(new JobImages.Pair(p[0].join(), p[1].join()));
            }
            return new JobImages(read, query.join(), truth.join());
        });
    }

    private CompletableFuture<byte[]> get(ObjectRef ref) {
        return store.get(ref.getBucket(), ref.getKey(), ref.getVersionId(), maxObjectBytes);
    }
}
