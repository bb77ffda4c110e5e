package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.internal.batch.Batch;
import dev.vprompt.worker.internal.batch.BatchUnit;
import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the futures of a batch's units from what their canvases came to on a device. A unit (one job: a single
 * canvas, an ensemble's arrangements, a fusion's canvases) succeeds when every one of its canvases did; otherwise it
 * fails as a whole. A failed unit fails its job with INFERENCE_FAILED (bad input) when the device works; when the
 * device is at fault (it failed a known-good canvas too) the unit fails with a transient failure instead, so the job
 * is retried (on another device, or on this one once it recovers) and never dead-lettered for the device's fault.
 * Stateless; called on the inference thread.
 */
final class BatchCompletion {

    private static final Logger LOGGER = LoggerFactory.getLogger(BatchCompletion.class);

    private BatchCompletion() {}

    /**
     * @param results one per canvas of {@link Batch#inputs()}, in order
     * @param deviceFault whether the failed canvases failed because of the device
     */
    static void complete(Batch<Canvas, Inferred> batch, List<ItemResult> results, boolean deviceFault, String device) {
        int at = 0;
        for (BatchUnit<Canvas, Inferred> unit : batch.units()) {
            List<ItemResult> mine = results.subList(at, at + unit.size());
            at += unit.size();
            Throwable failure = mine.stream()
                    .filter(r -> !r.succeeded())
                    .map(ItemResult::failure)
                    .findFirst()
                    .orElse(null);
            if (failure == null) {
                unit.result().complete(outputs(batch, mine));
            } else if (deviceFault) {
                unit.result().completeExceptionally(deviceFailure(device, failure));
            } else {
                LOGGER.warn("inference failed for job {} on {}: {}", unit.jobId(), device, failure.toString());
                unit.result()
                        .completeExceptionally(
                                JobFailure.permanent(ErrorCode.INFERENCE_FAILED, "model failed: " + failure, failure));
            }
        }
    }

    /** Fails every unit not completed yet with a transient failure: the device, not the job, is at fault. */
    static void failUnfinished(Batch<Canvas, Inferred> batch, String device, Throwable cause) {
        for (BatchUnit<Canvas, Inferred> unit : batch.units()) {
            unit.result().completeExceptionally(deviceFailure(device, cause));
        }
    }

    /**
     * The unit's outputs; each carries the batch size as jobs in the batch, or the canvases of its forward pass when
     * an out-of-memory split ran it in a smaller call.
     */
    private static List<Inferred> outputs(Batch<Canvas, Inferred> batch, List<ItemResult> results) {
        List<Inferred> out = new ArrayList<>(results.size());
        for (ItemResult r : results) {
            int size = Math.min(r.callSize(), batch.unitCount());
            out.add(new Inferred(r.output(), r.embedding(), batch.id(), size, batch.closedNanos()));
        }
        return out;
    }

    private static JobFailure deviceFailure(String device, Throwable cause) {
        return JobFailure.transientFailure(Dependency.INFERENCE, "device " + device + " failed: " + cause, cause);
    }
}
