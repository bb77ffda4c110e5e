package dev.vprompt.worker.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.ErrorCode;
import dev.vprompt.worker.JobFailure;
import dev.vprompt.worker.batch.Batch;
import dev.vprompt.worker.batch.BatchItem;
import dev.vprompt.worker.batch.DynamicBatcher;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inference thread per device ({@code vp-infer-<device>}). The thread creates its backend, then loops: take a
 * batch, run it, complete each item's future. It never does I/O; results are handed back through the futures.
 *
 * <p>A failed batch fails only its items: the batch is re-run one item at a time to isolate a poison input, and only
 * the items that fail alone get INFERENCE_FAILED. The thread survives every failure and closes the backend when it
 * stops.
 */
public final class InferenceWorker implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(InferenceWorker.class);

    private final DynamicBatcher<Canvas, Inferred> batcher;
    private final Supplier<InferenceBackend> backendFactory;
    private final Consumer<Batch<Canvas, Inferred>> onBatch;
    private final Thread thread;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong busyNanos = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile Throwable startFailure;
    private volatile String device = "?";
    private volatile int liveArrays;

    /**
     * @param onBatch called on the inference thread before a batch runs (metrics: size, wait)
     */
    public InferenceWorker(
            String name,
            DynamicBatcher<Canvas, Inferred> batcher,
            Supplier<InferenceBackend> backendFactory,
            Consumer<Batch<Canvas, Inferred>> onBatch) {
        this.batcher = batcher;
        this.backendFactory = backendFactory;
        this.onBatch = onBatch;
        this.thread = new Thread(this::run, "vp-infer-" + name);
    }

    /** Starts the thread and waits until its backend is loaded (and warmed up by the factory). */
    public void start(long timeoutMillis) throws InterruptedException {
        thread.start();
        if (!ready.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("inference backend did not load within " + timeoutMillis + " ms");
        }
        if (startFailure != null) {
            throw new IllegalStateException("inference backend failed to load: " + startFailure, startFailure);
        }
    }

    public String device() {
        return device;
    }

    /** Nanoseconds this thread has spent inside the model so far (monotonic). */
    public long busyNanos() {
        return busyNanos.get();
    }

    /** NDArrays the backend held after its last batch (a leak shows as growth); read from any thread. */
    public int liveArrays() {
        return liveArrays;
    }

    /** Fraction of wall time this thread spent inside the model since it started. */
    public double utilisation() {
        long wall = System.nanoTime() - startNanos;
        return wall <= 0 ? 0 : Math.min(1.0, (double) busyNanos.get() / wall);
    }

    private void run() {
        InferenceBackend backend;
        try {
            backend = backendFactory.get();
            device = backend.device();
            liveArrays = backend.liveArrays();
        } catch (Throwable t) {
            startFailure = t;
            ready.countDown();
            stopped.countDown();
            return;
        }
        ready.countDown();
        try (backend) {
            Batch<Canvas, Inferred> batch;
            while ((batch = batcher.take()) != null) {
                onBatch.accept(batch);
                runBatch(backend, batch);
                liveArrays = backend.liveArrays();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void runBatch(InferenceBackend backend, Batch<Canvas, Inferred> batch) {
        List<BatchItem<Canvas, Inferred>> items = batch.items();
        try {
            List<InferenceOutput> outputs =
                    timed(backend, items.stream().map(BatchItem::input).toList());
            for (int i = 0; i < items.size(); i++) {
                items.get(i).result().complete(inferred(outputs.get(i), batch));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            if (items.size() == 1) {
                fail(items.get(0), e);
                return;
            }
            LOGGER.warn("batch {} of {} failed ({}); re-running one by one", batch.id(), items.size(), e.toString());
            for (BatchItem<Canvas, Inferred> item : items) {
                try {
                    item.result()
                            .complete(inferred(
                                    timed(backend, List.of(item.input())).get(0), batch));
                } catch (RuntimeException | OutOfMemoryError single) {
                    fail(item, single);
                }
            }
        }
    }

    private static Inferred inferred(InferenceOutput out, Batch<Canvas, Inferred> batch) {
        return new Inferred(out, batch.id(), batch.size(), batch.closedNanos());
    }

    private List<InferenceOutput> timed(InferenceBackend backend, List<Canvas> canvases) {
        long t0 = System.nanoTime();
        try {
            return backend.infer(canvases);
        } finally {
            busyNanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private static void fail(BatchItem<Canvas, Inferred> item, Throwable e) {
        LOGGER.warn("inference failed for job {}: {}", item.jobId(), e.toString());
        item.result().completeExceptionally(JobFailure.permanent(ErrorCode.INFERENCE_FAILED, "model failed: " + e, e));
    }

    /** Waits for the thread to finish the batches the (closed) batcher still hands out. */
    public void awaitStop(long timeoutMillis) throws InterruptedException {
        stopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
