package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.internal.batch.Batch;
import dev.vprompt.worker.internal.batch.BatchItem;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the futures of a batch's items from what they came to on a device. A failed item fails its job with
 * INFERENCE_FAILED (bad input) when the device works; when the device is at fault (it failed a known-good canvas too)
 * the item fails with a transient failure instead, so the job is retried (on another device, or on this one once it
 * recovers) and never dead-lettered for the device's fault. Stateless; called on the inference thread.
 */
final class BatchCompletion {

    private static final Logger LOGGER = LoggerFactory.getLogger(BatchCompletion.class);

    private BatchCompletion() {}

    /**
     * @param results one per item, in order
     * @param deviceFault whether the failed items failed because of the device
     */
    static void complete(Batch<Canvas, Inferred> batch, List<ItemResult> results, boolean deviceFault, String device) {
        List<BatchItem<Canvas, Inferred>> items = batch.items();
        for (int i = 0; i < items.size(); i++) {
            BatchItem<Canvas, Inferred> item = items.get(i);
            ItemResult r = results.get(i);
            if (r.succeeded()) {
                item.result().complete(new Inferred(r.output(), batch.id(), r.callSize(), batch.closedNanos()));
            } else if (deviceFault) {
                item.result().completeExceptionally(deviceFailure(device, r.failure()));
            } else {
                LOGGER.warn(
                        "inference failed for job {} on {}: {}",
                        item.jobId(),
                        device,
                        r.failure().toString());
                item.result()
                        .completeExceptionally(JobFailure.permanent(
                                ErrorCode.INFERENCE_FAILED, "model failed: " + r.failure(), r.failure()));
            }
        }
    }

    /** Fails every item not completed yet with a transient failure: the device, not the job, is at fault. */
    static void failUnfinished(Batch<Canvas, Inferred> batch, String device, Throwable cause) {
        for (BatchItem<Canvas, Inferred> item : batch.items()) {
            item.result().completeExceptionally(deviceFailure(device, cause));
        }
    }

    private static JobFailure deviceFailure(String device, Throwable cause) {
        return JobFailure.transientFailure("device " + device + " failed: " + cause, cause);
    }
}
