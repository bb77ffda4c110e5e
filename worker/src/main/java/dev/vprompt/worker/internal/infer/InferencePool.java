package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.internal.batch.Batch;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The inference threads of a worker, one per device, judged together: the model is ready only while every thread is
 * serving ({@link InferenceWorker.State#serving()}), so readiness turns false when one has died.
 *
 * <p>Threading: {@link #start} and {@link #stop} are called by the thread that starts or closes the worker;
 * {@link #allServing()}, {@link #states()} and {@link #workers()} may be called from any thread (the health
 * endpoint).
 */
public final class InferencePool {

    private final List<InferenceWorker> workers = new CopyOnWriteArrayList<>();

    /**
     * Starts a thread for {@code device} and waits until its backend is loaded.
     *
     * @param onBatch called on the inference thread before each batch runs (metrics)
     * @throws IllegalStateException when the backend does not load within {@code timeoutMillis} or fails to load
     */
    public InferenceWorker start(
            String device,
            DynamicBatcher<Canvas, Inferred> batcher,
            Supplier<InferenceBackend> backend,
            Consumer<Batch<Canvas, Inferred>> onBatch,
            long timeoutMillis)
            throws InterruptedException {
        InferenceWorker w = new InferenceWorker(device, batcher, backend, onBatch);
        workers.add(w);
        w.start(timeoutMillis);
        return w;
    }

    /** Whether there is at least one thread and every thread takes batches. */
    public boolean allServing() {
        return !workers.isEmpty() && workers.stream().allMatch(w -> w.state().serving());
    }

    /** The state of each thread, by device. */
    public Map<String, InferenceWorker.State> states() {
        Map<String, InferenceWorker.State> out = new LinkedHashMap<>();
        workers.forEach(w -> out.put(w.device(), w.state()));
        return out;
    }

    public List<InferenceWorker> workers() {
        return List.copyOf(workers);
    }

    /**
     * Stops every thread, each within {@code timeoutMillis}. With {@code finishQueued} the threads first run the
     * batches the (closed) batcher still hands out; without, they are interrupted.
     */
    public void stop(boolean finishQueued, long timeoutMillis) throws InterruptedException {
        for (InferenceWorker w : workers) {
            if (!finishQueued) {
                w.close();
            }
            w.awaitStop(timeoutMillis);
        }
    }
}
