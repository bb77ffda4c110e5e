package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.internal.batch.Batch;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference thread of one device ({@code vp-infer-<label>}). It creates its backend (on a GPU it then checks that
 * a batch of {@code maxBatchSize} fits in memory), then loops: take the next batch from the shared batcher, run it
 * through its {@link DeviceRunner} (memory limit, out-of-memory splits, poison isolation), complete each item's
 * future. It never does I/O. A batch's work is inpainting, or embedding for example retrieval when its key says so;
 * a unit (one job's canvases) succeeds or fails as a whole.
 *
 * <p>When every item of a batch failed, a known-good canvas tells the device's fault from bad inputs: if it runs, the
 * items fail as INFERENCE_FAILED; if not, they fail transiently (their jobs are retried) and the {@link DeviceBreaker}
 * counts a device failure. While the breaker is open the thread takes no batches ({@link State#SUSPENDED}) and probes
 * the device after a delay. The thread survives every exception of a batch and closes the backend when it stops. Any
 * other {@link Error} ends it ({@link State#FAILED}): the items of the batch it was running fail transiently.
 *
 * <p>Threading: the thread owns the backend, the runner and the breaker; {@link #state()}, {@link #utilisation()},
 * {@link #busyNanos()}, {@link #batchLimit()}, {@link #outOfMemoryErrors()} and {@link #liveArrays()} may be read from
 * any thread;
 * {@link #start}, {@link #awaitReady}, {@link #requestStop} and {@link #awaitStop} are called by the pool's owner.
 */
public final class InferenceWorker {

    /** Where the inference thread is in its life (after djl-serving's {@code WorkerState}). */
    public enum State {
        /** Not started, or loading its backend. */
        STARTING,
        /** Waiting for a batch. */
        READY,
        /** Running a batch. */
        BUSY,
        /** Its device failed repeatedly: it takes no batches and probes the device from time to time. */
        SUSPENDED,
        /** Ended on request (batcher closed or stop requested). */
        STOPPED,
        /** Its backend failed to load, or an error ended the thread. */
        FAILED;

        /** Whether the thread takes batches in this state. */
        public boolean serving() {
            return this == READY || this == BUSY;
        }
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(InferenceWorker.class);
    private static final Canvas PROBE = probeCanvas();

    private final String label;
    private final DynamicBatcher<Canvas, Inferred> batcher;
    private final Supplier<InferenceBackend> backendFactory;
    private final Consumer<Batch<Canvas, Inferred>> onBatch;
    private final DeviceGuardSettings guard;
    private final boolean checkBatchMemory;
    private final DeviceBreaker breaker;
    private final Thread thread;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private volatile DeviceRunner runner;
    private volatile Throwable startFailure;
    private volatile State state = State.STARTING;
    private volatile int liveArrays;

    /**
     * @param label the device's unique label (thread name, metrics)
     * @param checkBatchMemory whether to check at startup that a batch of {@code guard.maxBatchSize()} fits (GPUs)
     * @param onBatch called on the inference thread before a batch runs (metrics: size, wait)
     */
    InferenceWorker(
            String label,
            DynamicBatcher<Canvas, Inferred> batcher,
            Supplier<InferenceBackend> backendFactory,
            Consumer<Batch<Canvas, Inferred>> onBatch,
            DeviceGuardSettings guard,
            boolean checkBatchMemory,
            LongSupplier nanoTime) {
        this.label = label;
        this.batcher = batcher;
        this.backendFactory = backendFactory;
        this.onBatch = onBatch;
        this.guard = guard;
        this.checkBatchMemory = checkBatchMemory;
        this.breaker = new DeviceBreaker(guard.failuresToOpen(), guard.openDelay(), guard.maxOpenDelay(), nanoTime);
        this.thread = new Thread(this::run, "vp-infer-" + label);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits until the backend is loaded (and warmed up by the factory).
     *
     * @throws IllegalStateException when it did not load within the timeout or failed to load
     */
    void awaitReady(long timeoutMillis) throws InterruptedException {
        if (!ready.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    "inference backend for " + label + " did not load within " + timeoutMillis + " ms");
        }
        if (startFailure != null) {
            throw new IllegalStateException(
                    "inference backend for " + label + " failed to load: " + startFailure, startFailure);
        }
    }

    /** The device's unique label, e.g. {@code cpu}, {@code cpu#1}, {@code gpu:0}. */
    public String device() {
        return label;
    }

    public State state() {
        return state;
    }

    /** Nanoseconds this thread has spent inside the model so far (monotonic). */
    public long busyNanos() {
        DeviceRunner r = runner;
        return r == null ? 0 : r.busyNanos();
    }

    /** Fraction of wall time this thread spent inside the model since it started. */
    public double utilisation() {
        long wall = System.nanoTime() - startNanos;
        return wall <= 0 ? 0 : Math.min(1.0, (double) busyNanos() / wall);
    }

    /** The most canvases the device runs in one call now (lowered by out-of-memory errors). */
    public int batchLimit() {
        DeviceRunner r = runner;
        return r == null ? guard.maxBatchSize() : r.limit();
    }

    /** Calls that ran out of device memory so far. */
    public long outOfMemoryErrors() {
        DeviceRunner r = runner;
        return r == null ? 0 : r.outOfMemoryErrors();
    }

    /** NDArrays the backend held after its last batch (its weights; growth means native memory leaks). */
    public int liveArrays() {
        return liveArrays;
    }

    private void run() {
        InferenceBackend backend = load();
        if (backend == null) {
            return;
        }
        state = State.READY;
        ready.countDown();
        State end = State.STOPPED;
        Batch<Canvas, Inferred> current = null;
        try (backend) {
            while (awaitDevice()) {
                state = State.READY;
                current = batcher.take();
                if (current == null) {
                    break;
                }
                state = State.BUSY;
                onBatch.accept(current);
                runBatch(current);
                current = null;
                liveArrays = backend.liveArrays();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            end = State.FAILED;
            state = State.FAILED;
            LOGGER.error("inference thread for {} died; this worker is no longer live", label, e);
            if (current != null) {
                BatchCompletion.failUnfinished(current, label, e);
            }
        } finally {
            state = end;
            stopped.countDown();
        }
    }

    /** Creates the backend and its runner; null (state FAILED, the reason kept) when that fails. */
    private InferenceBackend load() {
        InferenceBackend backend = null;
        try {
            backend = backendFactory.get();
            runner = new DeviceRunner(
                    label, backend, new BatchLimit(guard.maxBatchSize(), guard.successesBeforeRaise()));
            if (checkBatchMemory) {
                checkBatchFits(backend);
            }
            liveArrays = backend.liveArrays();
            return backend;
        } catch (Throwable t) {
            if (backend != null) {
                backend.close();
            }
            startFailure = t;
            state = State.FAILED;
            ready.countDown();
            stopped.countDown();
            return null;
        }
    }

    private void runBatch(Batch<Canvas, Inferred> batch) {
        List<ItemResult> results = runner.run(batch.inputs(), batch.key().work());
        boolean deviceFault = results.stream().noneMatch(ItemResult::succeeded) && !runner.probe(PROBE);
        if (!deviceFault) {
            breaker.success();
        } else if (breaker.failure()) {
            LOGGER.error(
                    "device {} failed {} batches in a row, a known-good canvas included: it takes no batches until a"
                            + " probe succeeds (next in {} ms); its jobs are retried",
                    label,
                    breaker.consecutiveFailures(),
                    TimeUnit.NANOSECONDS.toMillis(breaker.nanosUntilProbe()));
        } else {
            LOGGER.warn("device {} failed batch {} and a known-good canvas; its jobs are retried", label, batch.id());
        }
        BatchCompletion.complete(batch, results, deviceFault, label);
    }

    /**
     * Returns once the device may take batches: at once while the breaker is closed; while it is open, after probes
     * until one succeeds.
     *
     * @return false when a stop was requested while waiting
     */
    private boolean awaitDevice() throws InterruptedException {
        while (breaker.isOpen()) {
            state = State.SUSPENDED;
            if (stopRequested.await(Math.max(0, breaker.nanosUntilProbe()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            if (runner.probe(PROBE)) {
                breaker.success();
                LOGGER.info("device {} passed its probe: taking batches again", label);
            } else {
                breaker.failure();
            }
        }
        return true;
    }

    /** On a GPU: a batch of {@code maxBatchSize} must fit in memory, or the worker does not start. */
    private void checkBatchFits(InferenceBackend backend) {
        int max = guard.maxBatchSize();
        List<ItemResult> results = runner.run(Collections.nCopies(max, PROBE));
        Throwable failed = results.stream()
                .filter(r -> !r.succeeded())
                .map(ItemResult::failure)
                .findFirst()
                .orElse(null);
        if (failed != null || runner.limit() < max) {
            throw new IllegalStateException(String.format(
                    "batch.maxBatchSize %d does not fit in the memory of %s: %s; lower batch.maxBatchSize",
                    max,
                    backend.device(),
                    failed == null
                            ? "the largest batch that ran was " + runner.limit()
                            : "one canvas failed: " + failed));
        }
        LOGGER.info("device {} runs batches of {} (batch.maxBatchSize) within its memory", label, max);
    }

    /**
     * Asks the thread to end: a thread waiting to probe its device ends at once; with {@code interrupt} a thread
     * waiting for a batch does too (else it ends when the closed batcher has handed out its last batch).
     */
    void requestStop(boolean interrupt) {
        stopRequested.countDown();
        if (interrupt) {
            thread.interrupt();
        }
    }

    /** Waits for the thread to end; whether it did within the timeout. */
    boolean awaitStop(long timeoutMillis) throws InterruptedException {
        return stopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** A known-good input: a grey canvas, like the one every backend is warmed up with. */
    private static Canvas probeCanvas() {
        RgbImage grey = RgbImage.filled(32, 32, 128, 128, 128);
        return new CanvasBuilder().grid2x2(Arrangement.STANDARD, grey, grey, grey, null);
    }
}
