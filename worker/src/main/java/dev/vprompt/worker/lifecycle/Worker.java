package dev.vprompt.worker.lifecycle;

import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.infer.ModelRuntime;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running vprompt worker: Kafka intake, S3 fetch, canvas preparation, dynamic batching, one inference thread per
 * device, publishing, the operations endpoint.
 *
 * <pre>{@code
 * try (Worker worker = new Worker(WorkerConfig.builder()...build()).start()) {
 *     ...   // jobs are consumed until close()
 * }
 * }</pre>
 *
 * <p>Lifecycle ({@link WorkerState} has the table of moves): {@link #start()} once, {@code NEW -> STARTING ->
 * RUNNING}, or {@code FAILED} when starting fails (everything started so far is then closed again); {@link #close()}
 * (or {@link #close(Drain)}) moves to {@code DRAINING}, stops intake, drains in-flight jobs within
 * {@code pipeline.drainTimeout}, closes everything and ends {@code STOPPED}. The state changes by compare-and-set.
 *
 * <p>Threading: {@link #start()} and {@link #close()} may be called from any thread, {@link #close()} twice and from
 * a shutdown hook; a close during start waits until starting has finished, then releases everything. The accessors
 * may be called from any thread. The worker's own threads are named {@code vp-ingest}, {@code vp-infer-<device>},
 * {@code vp-prepare-N}, {@code vp-s3-io-N} and Vert.x's event loop.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(Worker.class);

    /** Whether {@link #close(Drain)} waits for in-flight jobs. */
    public enum Drain {
        DRAIN,
        DONT_DRAIN
    }

    private final WorkerConfig config;
    private final Lifecycle lifecycle = new Lifecycle();
    private final WorkerMetrics metrics = new WorkerMetrics();
    private final WorkerParts parts;
    private final Object lock = new Object();

    public Worker(WorkerConfig config) {
        this(config, Clock.systemUTC());
    }

    public Worker(WorkerConfig config, Clock clock) {
        this.config = config;
        this.parts = new WorkerParts(config, clock, metrics);
    }

    /**
     * Loads and warms the model, connects to Kafka and S3 and starts consuming. Blocks until ready to consume.
     *
     * @throws IllegalStateException when the worker was started before, or closed while starting
     * @throws Exception why starting failed; everything started so far is closed again and the state is FAILED
     */
    public Worker start() throws Exception {
        if (!lifecycle.moveTo(WorkerState.STARTING)) {
            throw new IllegalStateException("a worker starts once; this one is " + lifecycle.state());
        }
        // the whole configuration, as the records print it: S3 keys and secret Kafka client properties hidden
        LOGGER.info("starting worker {} with {}", config.workerId(), config);
        synchronized (lock) {
            try {
                parts.build(this::isLive, this::readiness);
            } catch (Exception | Error e) {
                lifecycle.moveTo(WorkerState.FAILED);
                parts.close(Drain.DONT_DRAIN);
                throw e;
            }
        }
        if (!lifecycle.moveTo(WorkerState.RUNNING)) {
            throw new IllegalStateException("worker " + config.workerId() + " was closed while starting");
        }
        LOGGER.info(
                "worker {} running: model {} on {}, http port {}",
                config.workerId(),
                parts.model().identity().id(),
                parts.model().devices(),
                parts.httpPort());
        return this;
    }

    public WorkerState state() {
        return lifecycle.state();
    }

    /** Liveness: starting, running or draining (a FAILED worker must be restarted). */
    boolean isLive() {
        return lifecycle.state().isLive();
    }

    /**
     * Readiness checks: {@code running}, {@code model} (every inference thread serving: false once one has died),
     * {@code broker} (the consumer holds an assignment) and {@code store} (the store answers).
     */
    Map<String, Boolean> readiness() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("running", lifecycle.state() == WorkerState.RUNNING);
        checks.put("model", parts.modelServing());
        checks.put("broker", parts.brokerAssigned());
        checks.put("store", parts.storeReachable());
        return checks;
    }

    /** The port of the operations endpoint, or -1 when it is disabled or not started. */
    public int httpPort() {
        return parts.httpPort();
    }

    public WorkerMetrics metrics() {
        return metrics;
    }

    /** The model being served, or null before it is loaded. */
    public ModelRuntime model() {
        return parts.model();
    }

    @Override
    public void close() {
        close(Drain.DRAIN);
    }

    /** Stops the worker; with {@link Drain#DRAIN} in-flight jobs finish (within the drain timeout) first. */
    public void close(Drain drain) {
        if (lifecycle.moveTo(WorkerState.NEW, WorkerState.STOPPED)) {
            return; // never started: nothing to release
        }
        if (!lifecycle.moveTo(WorkerState.DRAINING)) {
            return; // closing or closed already
        }
        LOGGER.info("stopping worker {} ({})", config.workerId(), drain);
        synchronized (lock) {
            parts.close(drain);
        }
        lifecycle.moveTo(WorkerState.STOPPED);
        LOGGER.info("worker {} stopped", config.workerId());
    }
}
