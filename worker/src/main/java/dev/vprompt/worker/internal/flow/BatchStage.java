package dev.vprompt.worker.internal.flow;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.BatcherFullException;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.prompt.PreparedPrompt;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Submits every canvas of a job to the batcher and collects the inference results. A full batcher is a transient
 * failure, retried within the job's budget; a closed batcher (the worker is stopping) leaves the job for redelivery.
 *
 * <p>Threading: {@link #infer} runs on the CPU pool; its future completes on an inference thread, or fails on the
 * retry policy's context.
 */
final class BatchStage {

    static final String STAGE = "batch";

    private final DynamicBatcher<Canvas, Inferred> batcher;
    private final String modelId;
    private final RetryPolicy retry;

    BatchStage(DynamicBatcher<Canvas, Inferred> batcher, String modelId, RetryPolicy retry) {
        this.batcher = batcher;
        this.modelId = modelId;
        this.retry = retry;
    }

    CompletableFuture<List<Inferred>> infer(JobRun j, PreparedPrompt prompt) {
        long deadline = JobRun.deadlineMillis(j.job);
        return retry.run(STAGE, j.budget, () -> {
            List<CompletableFuture<Inferred>> parts = new ArrayList<>();
            try {
                for (Canvas c : prompt.canvases()) {
                    BatchKey key = new BatchKey(modelId, c.mask().keptCount());
                    parts.add(batcher.submit(key, j.job.getJobId(), c, j.job.getPriority(), deadline));
                }
            } catch (BatcherFullException e) {
                parts.forEach(p -> p.cancel(false));
                return CompletableFuture.failedFuture(JobFailure.transientFailure(e.getMessage(), e));
            } catch (JobFailure e) {
                parts.forEach(p -> p.cancel(false));
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                    .thenApply(v -> {
                        List<Inferred> out =
                                parts.stream().map(CompletableFuture::join).toList();
                        j.timings.batchClosed(out.stream()
                                .mapToLong(Inferred::closedNanos)
                                .max()
                                .orElse(0));
                        j.timings.inferDone();
                        return out;
                    });
        });
    }
}
