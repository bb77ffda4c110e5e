package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.internal.batch.Batch;
import dev.vprompt.worker.internal.batch.BatchKey;
import dev.vprompt.worker.internal.batch.BatchUnit;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.ArrayList;
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
 * <p>A batch runs in one model call: inpainting, or embedding for retrieval when its key says so. A failed batch fails
 * only its units: the batch is re-run one unit at a time (a unit's canvases always run together) to isolate a poison
 * input, and only the units that fail alone get INFERENCE_FAILED. The thread survives every exception of a batch (and an
 * out-of-memory error) and closes the backend when it stops. Any other {@link Error} ends it: its {@link State} turns
 * {@link State#FAILED}, which readiness reports.
 *
 * <p>Threading: the thread owns the backend; {@link #state()}, {@link #utilisation()} and {@link #busyNanos()} may be
 * read from any thread; {@link #start}, {@link #close} and {@link #awaitStop} are called by the worker's lifecycle.
 */
public final class InferenceWorker implements AutoCloseable {

    /** Where the inference thread is in its life (after djl-serving's {@code WorkerState}). */
    public enum State {
        /** Not started, or loading its backend. */
        STARTING,
        /** Waiting for a batch. */
        READY,
        /** Running a batch. */
        BUSY,
        /** Ended on request (batcher closed or interrupted). */
        STOPPED,
        /** Its backend failed to load, or an error ended the thread. */
        FAILED;

        /** Whether the thread takes batches in this state. */
        public boolean serving() {
            return this == READY || this == BUSY;
        }
    }

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
    private volatile State state = State.STARTING;

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

    public State state() {
        return state;
    }

    /** Nanoseconds this thread has spent inside the model so far (monotonic). */
    public long busyNanos() {
        return busyNanos.get();
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
        } catch (Throwable t) {
            startFailure = t;
            state = State.FAILED;
            ready.countDown();
            stopped.countDown();
            return;
        }
        state = State.READY;
        ready.countDown();
        State end = State.STOPPED;
        try (backend) {
            Batch<Canvas, Inferred> batch;
            while ((batch = batcher.take()) != null) {
                state = State.BUSY;
                onBatch.accept(batch);
                runBatch(backend, batch);
                state = State.READY;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            end = State.FAILED;
            LOGGER.error("inference thread for {} died; this worker is no longer ready", device, e);
        } finally {
            state = end;
            stopped.countDown();
        }
    }

    private void runBatch(InferenceBackend backend, Batch<Canvas, Inferred> batch) {
        List<BatchUnit<Canvas, Inferred>> units = batch.units();
        try {
            List<Inferred> outputs = timed(backend, batch, batch.inputs());
            int at = 0;
            for (BatchUnit<Canvas, Inferred> unit : units) {
                unit.result().complete(outputs.subList(at, at + unit.size()));
                at += unit.size();
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            if (units.size() == 1) {
                fail(units.get(0), e);
                return;
            }
            LOGGER.warn(
                    "batch {} of {} units failed ({}); re-running unit by unit",
                    batch.id(),
                    units.size(),
                    e.toString());
            for (BatchUnit<Canvas, Inferred> unit : units) {
                try {
                    unit.result().complete(timed(backend, batch, unit.inputs()));
                } catch (RuntimeException | OutOfMemoryError single) {
                    fail(unit, single);
                }
            }
        }
    }

    /** One model call on {@code inputs}, inpainting or embedding as the batch's key says; one result per input. */
    private List<Inferred> timed(InferenceBackend backend, Batch<Canvas, Inferred> batch, List<Canvas> inputs) {
        long t0 = System.nanoTime();
        List<Inferred> out = new ArrayList<>(inputs.size());
        try {
            if (batch.key().work() == BatchKey.Work.EMBED) {
                for (float[] e : requireOnePerInput(backend.embed(inputs), inputs)) {
                    out.add(new Inferred(null, e, batch.id(), batch.unitCount(), batch.closedNanos()));
                }
            } else {
                for (InferenceOutput o : requireOnePerInput(backend.infer(inputs), inputs)) {
                    out.add(new Inferred(o, null, batch.id(), batch.unitCount(), batch.closedNanos()));
                }
            }
            return out;
        } finally {
            busyNanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private static <T> List<T> requireOnePerInput(List<T> results, List<Canvas> inputs) {
        if (results.size() != inputs.size()) {
            throw new IllegalStateException(
                    "the backend returned " + results.size() + " results for " + inputs.size() + " inputs");
        }
        return results;
    }

    private static void fail(BatchUnit<Canvas, Inferred> unit, Throwable e) {
        LOGGER.warn("inference failed for job {}: {}", unit.jobId(), e.toString());
        unit.result().completeExceptionally(JobFailure.permanent(ErrorCode.INFERENCE_FAILED, "model failed: " + e, e));
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
