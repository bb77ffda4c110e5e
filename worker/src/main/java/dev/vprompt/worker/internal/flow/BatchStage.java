package dev.vprompt.worker.internal.flow;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.BatcherFullException;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.prompt.PreparedPrompt;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Submits a job's canvases to the batcher as one unit and collects the inference results. A full batcher is a
 * transient failure, retried within the job's budget; a closed batcher (the worker is stopping) leaves the job for
 * redelivery.
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

    /** Submits the job's canvases as one unit (never split across batches: an ensemble runs in one model call). */
    CompletableFuture<List<Inferred>> infer(JobRun j, PreparedPrompt prompt) {
        long deadline = JobRun.deadlineMillis(j.job);
        BatchKey key = new BatchKey(modelId, prompt.canvases().get(0).mask().keptCount());
        return retry.run(STAGE, j.budget, () -> {
            CompletableFuture<List<Inferred>> unit;
            try {
                unit = batcher.submitUnit(key, j.job.getJobId(), prompt.canvases(), j.job.getPriority(), deadline);
            } catch (BatcherFullException e) {
                return CompletableFuture.failedFuture(JobFailure.transientFailure(e.getMessage(), e));
            } catch (JobFailure e) {
                return CompletableFuture.failedFuture(e);
            }
            return unit.thenApply(out -> {
                j.timings.batchClosed(out.get(0).closedNanos());
                j.timings.inferDone();
                return out;
            });
        });
    }
}
