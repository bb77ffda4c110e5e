package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.internal.batch.Batch;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference threads of a worker: one per device, all taking batches from one shared batcher (a device that is free
 * takes the next batch), each with its own model copy. Judged together for health:
 *
 * <ul>
 *   <li>{@link #health()}: {@code SERVING} while every device takes batches, {@code DEGRADED} while some do,
 *       {@code UNAVAILABLE} while none does (every device suspended by its breaker, or gone): intake should be held;
 *   <li>{@link #allThreadsAlive()}: false once an inference thread has died or failed to load (liveness).
 * </ul>
 *
 * <p>Threading: {@link #start} and {@link #stop} are called by the thread that starts or closes the worker, one at a
 * time; the accessors may be called from any thread (the health endpoint, metrics).
 */
public final class InferencePool {

    /** What the pool can do now. */
    public enum Health {
        /** Every device takes batches. */
        SERVING,
        /** Some devices take batches; others are suspended or gone. */
        DEGRADED,
        /** No device takes batches: jobs wait (or are retried) until one recovers. */
        UNAVAILABLE
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(InferencePool.class);

    private final DynamicBatcher<Canvas, Inferred> batcher;
    private final DeviceGuardSettings guard;
    private final LongSupplier nanoTime;
    private volatile List<InferenceWorker> workers = List.of();

    public InferencePool(DynamicBatcher<Canvas, Inferred> batcher, DeviceGuardSettings guard) {
        this(batcher, guard, System::nanoTime);
    }

    InferencePool(DynamicBatcher<Canvas, Inferred> batcher, DeviceGuardSettings guard, LongSupplier nanoTime) {
        this.batcher = batcher;
        this.guard = guard;
        this.nanoTime = nanoTime;
    }

    /**
     * Starts one inference thread per device (loading their backends in parallel) and waits until every backend is
     * loaded. A GPU device must fit a batch of {@code maxBatchSize} in its memory.
     *
     * @param devices the devices in order, e.g. {@code [cpu, cpu]} or {@code [gpu:0, gpu:1]}; labels are made unique
     * @param backends creates the backend of a device; called on that device's inference thread
     * @param onBatch called on an inference thread before each batch runs (metrics)
     * @throws IllegalStateException when a backend does not load within {@code timeoutMillis} or fails to load
     */
    public void start(
            List<String> devices,
            Function<String, InferenceBackend> backends,
            Consumer<Batch<Canvas, Inferred>> onBatch,
            long timeoutMillis)
            throws InterruptedException {
        if (!workers.isEmpty()) {
            throw new IllegalStateException("the pool was started before");
        }
        List<String> labels = DeviceLabels.of(devices);
        List<InferenceWorker> started = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String device = devices.get(i);
            started.add(new InferenceWorker(
                    labels.get(i),
                    batcher,
                    () -> backends.apply(device),
                    onBatch,
                    guard,
                    device.startsWith("gpu"),
                    nanoTime));
        }
        workers = List.copyOf(started);
        started.forEach(InferenceWorker::start);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (InferenceWorker w : started) {
            w.awaitReady(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /** Whether there is at least one thread and every thread takes batches. */
    public boolean allServing() {
        List<InferenceWorker> ws = workers;
        return !ws.isEmpty() && ws.stream().allMatch(w -> w.state().serving());
    }

    /** Whether no inference thread has died or failed to load (threads stopped on request count as alive). */
    public boolean allThreadsAlive() {
        return workers.stream().noneMatch(w -> w.state() == InferenceWorker.State.FAILED);
    }

    public Health health() {
        List<InferenceWorker> ws = workers;
        long serving = ws.stream().filter(w -> w.state().serving()).count();
        if (serving == 0) {
            return Health.UNAVAILABLE;
        }
        return serving == ws.size() ? Health.SERVING : Health.DEGRADED;
    }

    /** The state of each thread, by device label. */
    public Map<String, InferenceWorker.State> states() {
        Map<String, InferenceWorker.State> out = new LinkedHashMap<>();
        workers.forEach(w -> out.put(w.device(), w.state()));
        return out;
    }

    public List<InferenceWorker> workers() {
        return workers;
    }

    /**
     * Stops every thread within {@code timeoutMillis} in all: closes the batcher; with {@code finishQueued} each thread
     * first finishes its batch and runs the batches the closed batcher still hands out, without it is interrupted;
     * waits for all of them. Each thread closes its model as it ends. A suspended device runs nothing more; if no
     * device took the queued items, their jobs stay uncommitted and are redelivered.
     */
    public void stop(boolean finishQueued, long timeoutMillis) throws InterruptedException {
        batcher.close();
        List<InferenceWorker> ws = workers;
        ws.forEach(w -> w.requestStop(!finishQueued));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (InferenceWorker w : ws) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!w.awaitStop(Math.max(0, left))) {
                LOGGER.warn("inference thread for {} did not stop within {} ms", w.device(), timeoutMillis);
            }
        }
        int left = batcher.queued();
        if (left > 0) {
            LOGGER.warn("{} queued canvases were not run (no device took them); their jobs will be redelivered", left);
        }
    }
}
