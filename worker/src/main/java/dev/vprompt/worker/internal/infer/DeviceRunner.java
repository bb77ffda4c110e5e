package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.internal.batch.BatchKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the canvases of a batch on one device's backend and says what each came to, so that neither a batch too big
 * for the device's memory nor one bad input fails the others:
 *
 * <ul>
 *   <li>a batch runs in calls of at most the device's {@link BatchLimit};
 *   <li>a call that runs out of memory ({@link OutOfMemory}) frees the device's cached memory, lowers the limit and
 *       runs again in halves, recursively; a single canvas that still runs out fails alone;
 *   <li>a call that fails otherwise runs again one canvas at a time, so only the canvases that fail alone fail.
 * </ul>
 *
 * Results keep the order of the canvases. A call either inpaints its canvases or embeds them for retrieval, as the
 * batch's {@link BatchKey.Work} says; splits and isolation work the same for both.
 *
 * <p>Not thread-safe: owned by the device's inference thread, like the backend it wraps; {@link #busyNanos()},
 * {@link #outOfMemoryErrors()} and {@link #limit()} may be read from any thread.
 */
final class DeviceRunner {

    private static final Logger LOGGER = LoggerFactory.getLogger(DeviceRunner.class);

    private final String device;
    private final InferenceBackend backend;
    private final BatchLimit limit;
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong outOfMemory = new AtomicLong();

    DeviceRunner(String device, InferenceBackend backend, BatchLimit limit) {
        this.device = device;
        this.backend = backend;
        this.limit = limit;
    }

    /** Inpaints {@code canvases}; one result per canvas, in order. Errors other than out-of-memory propagate. */
    List<ItemResult> run(List<Canvas> canvases) {
        return run(canvases, BatchKey.Work.INPAINT);
    }

    /** Runs {@code canvases} for {@code work}; one result per canvas, in order. */
    List<ItemResult> run(List<Canvas> canvases, BatchKey.Work work) {
        ItemResult[] out = new ItemResult[canvases.size()];
        runLimited(canvases, 0, out, work);
        return Arrays.asList(out);
    }

    /** Whether the device runs {@code canvas} (a known-good input): false when the call throws. */
    boolean probe(Canvas canvas) {
        try {
            timed(List.of(canvas), BatchKey.Work.INPAINT);
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (OutOfMemory.is(e)) {
                releaseCachedMemory();
            }
            LOGGER.warn("device {} failed a probe with a known-good canvas: {}", device, e.toString());
            return false;
        }
    }

    /** Calls in chunks of at most the current limit (which may fall while the chunks run). */
    private void runLimited(List<Canvas> in, int offset, ItemResult[] out, BatchKey.Work work) {
        int from = 0;
        while (from < in.size()) {
            int n = Math.min(limit.limit(), in.size() - from);
            runCall(in.subList(from, from + n), offset + from, out, work);
            from += n;
        }
    }

    private void runCall(List<Canvas> in, int offset, ItemResult[] out, BatchKey.Work work) {
        List<ItemResult> results;
        try {
            results = timed(in, work);
        } catch (RuntimeException | OutOfMemoryError e) {
            if (OutOfMemory.is(e)) {
                split(in, offset, out, e, work);
            } else {
                isolate(in, offset, out, e, work);
            }
            return;
        }
        limit.succeeded(in.size());
        for (int i = 0; i < in.size(); i++) {
            out[offset + i] = results.get(i);
        }
    }

    private void split(List<Canvas> in, int offset, ItemResult[] out, Throwable e, BatchKey.Work work) {
        outOfMemory.incrementAndGet();
        releaseCachedMemory();
        limit.outOfMemory(in.size());
        if (in.size() == 1) {
            LOGGER.warn("device {} ran out of memory on a single canvas: {}", device, e.toString());
            out[offset] = ItemResult.failed(e);
            return;
        }
        LOGGER.warn(
                "device {} ran out of memory on {} canvases; running them in halves, at most {} per call from now",
                device,
                in.size(),
                limit.limit());
        int half = (in.size() + 1) / 2;
        runLimited(in.subList(0, half), offset, out, work);
        runLimited(in.subList(half, in.size()), offset + half, out, work);
    }

    private void isolate(List<Canvas> in, int offset, ItemResult[] out, Throwable e, BatchKey.Work work) {
        if (in.size() == 1) {
            out[offset] = ItemResult.failed(e);
            return;
        }
        LOGGER.warn("a call of {} canvases failed on {} ({}); re-running one by one", in.size(), device, e.toString());
        for (int i = 0; i < in.size(); i++) {
            runCall(in.subList(i, i + 1), offset + i, out, work);
        }
    }

    /** One backend call; one result per canvas, each knowing the call's size. */
    private List<ItemResult> timed(List<Canvas> canvases, BatchKey.Work work) {
        long t0 = System.nanoTime();
        try {
            int n = canvases.size();
            if (work == BatchKey.Work.EMBED) {
                return requireOnePerCanvas(backend.embed(canvases), n).stream()
                        .map(e -> ItemResult.embedded(e, n))
                        .toList();
            }
            List<InferenceOutput> outputs = requireOnePerCanvas(backend.infer(canvases), n);
            return outputs.stream().map(o -> ItemResult.ok(o, n)).toList();
        } finally {
            busyNanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private static <T> List<T> requireOnePerCanvas(List<T> results, int canvases) {
        if (results.size() != canvases) {
            throw new IllegalStateException(
                    "backend returned " + results.size() + " outputs for " + canvases + " canvases");
        }
        return results;
    }

    private void releaseCachedMemory() {
        try {
            backend.releaseCachedMemory();
        } catch (RuntimeException e) {
            LOGGER.warn("device {} could not release its cached memory: {}", device, e.toString());
        }
    }

    /** Nanoseconds spent inside the backend so far. */
    long busyNanos() {
        return busyNanos.get();
    }

    /** Calls that ran out of memory so far. */
    long outOfMemoryErrors() {
        return outOfMemory.get();
    }

    /** The most canvases one call runs now. */
    int limit() {
        return limit.limit();
    }
}
