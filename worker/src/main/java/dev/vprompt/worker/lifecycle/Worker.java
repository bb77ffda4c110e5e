package dev.vprompt.worker.lifecycle;

import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.infer.ModelRuntime;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * a shutdown hook (a second close waits until the first has finished). A close during start, or {@link
 * #cancelStart()}, cancels starting: the thread in {@link #start()} is interrupted (which ends a checkpoint download
 * or the wait for the inference threads' warm-up), everything started so far is closed without drain, and
 * {@link #start()} throws. The accessors may be called from any thread. The worker's own threads are named
 * {@code vp-ingest}, {@code vp-infer-<device>}, {@code vp-prepare-N}, {@code vp-s3-loop} (or {@code vp-s3-io-N} with
 * the MinIO client), {@code vp-kafka-send}, {@code vp-watchdog} (checks every second that the threads a running
 * worker needs still run, else moves it to {@code FAILED}: see {@link #whenFailed()}) and Vert.x's event loop.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(Worker.class);
    /** How often a running worker checks that the threads it needs still run. */
    static final Duration WATCHDOG_INTERVAL = Duration.ofSeconds(1);

    /** Whether {@link #close(Drain)} waits for in-flight jobs. */
    public enum Drain {
        DRAIN,
        DONT_DRAIN
    }

    private final WorkerConfig config;
    private final Lifecycle lifecycle = new Lifecycle();
    private final WorkerMetrics metrics = new WorkerMetrics();
    private final WorkerParts parts;
    private final WorkerHealth health;
    private final Object lock = new Object();
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vp-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Object startLock = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread starter; // guarded by startLock
    private boolean startCancelled; // guarded by startLock

    public Worker(WorkerConfig config) {
        this(config, Clock.systemUTC());
    }

    public Worker(WorkerConfig config, Clock clock) {
        this.config = config;
        this.parts = new WorkerParts(config, clock, metrics);
        this.health = new WorkerHealth(lifecycle::state, parts);
    }

    /**
     * Loads and warms the model, connects to Kafka and S3 and starts consuming. Blocks until ready to consume.
     *
     * @throws IllegalStateException when the worker was started before, or closed (cancelled) while starting
     * @throws Exception why starting failed; everything started so far is closed again and the state is FAILED
     */
    public Worker start() throws Exception {
        synchronized (startLock) {
            if (!lifecycle.moveTo(WorkerState.STARTING)) {
                throw new IllegalStateException("a worker starts once; this one is " + lifecycle.state());
            }
            starter = Thread.currentThread();
        }
        // the whole configuration, as the records print it: S3 keys and secret Kafka client properties hidden
        LOGGER.info("starting worker {} with {}", config.workerId(), config);
        try {
            synchronized (lock) {
                try {
                    parts.build(this::isLive, this::readiness);
                } catch (Exception | Error e) {
                    lifecycle.moveTo(WorkerState.FAILED);
                    parts.close(Drain.DONT_DRAIN);
                    if (cancelled()) {
                        throw new IllegalStateException(
                                "worker " + config.workerId() + " was stopped while starting", e);
                    }
                    throw e;
                }
            }
        } finally {
            synchronized (startLock) {
                starter = null;
                if (startCancelled) {
                    Thread.interrupted(); // the interrupt was the cancellation's; it is answered by this exception
                }
            }
        }
        if (!lifecycle.moveTo(WorkerState.RUNNING)) {
            throw new IllegalStateException("worker " + config.workerId() + " was closed while starting");
        }
        watchdog.scheduleWithFixedDelay(
                this::watch, WATCHDOG_INTERVAL.toMillis(), WATCHDOG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
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

    /**
     * Completes with the reason when the running worker finds it can no longer work: a thread it needs (the consumer,
     * an inference thread, the producer's I/O thread) has ended. The worker is then FAILED and not live; close it and
     * restart the process ({@code vp worker} exits non-zero).
     */
    public CompletableFuture<String> whenFailed() {
        return failure.copy();
    }

    /** Liveness (see {@link WorkerHealth}): starting, running with every needed thread alive, or draining. */
    boolean isLive() {
        return health.live();
    }

    /** Readiness checks by name (see {@link WorkerHealth}). */
    Map<String, Boolean> readiness() {
        return health.readiness();
    }

    /** Runs on the watchdog thread: a running worker whose needed thread has ended moves to FAILED. */
    private void watch() {
        if (lifecycle.state() != WorkerState.RUNNING) {
            return;
        }
        String dead = health.deadPart();
        if (dead != null && lifecycle.moveTo(WorkerState.RUNNING, WorkerState.FAILED)) {
            LOGGER.error(
                    "worker {} can no longer work: {} has ended; it is not live and must be restarted",
                    config.workerId(),
                    dead);
            failure.complete(dead);
        }
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

    /**
     * Stops the worker if it is still starting, without waiting for the model to load or warm up (a signal during
     * startup); {@link #start()} then throws. Does nothing once the worker runs.
     *
     * @return whether starting was cancelled (and the worker is now stopped)
     */
    public boolean cancelStart() {
        if (!lifecycle.moveTo(WorkerState.STARTING, WorkerState.DRAINING)) {
            return false;
        }
        interruptStart();
        release(Drain.DONT_DRAIN);
        return true;
    }

    /**
     * Stops the worker; with {@link Drain#DRAIN} in-flight jobs finish (within the drain timeout) first. A worker still
     * starting is stopped as by {@link #cancelStart()}. A FAILED worker is never drained: a thread it needs is gone,
     * so its jobs could not be committed; they are redelivered. Returns once the worker is stopped, also when another
     * thread is closing it.
     */
    public void close(Drain drain) {
        if (lifecycle.moveTo(WorkerState.NEW, WorkerState.STOPPED)) {
            watchdog.shutdownNow();
            stopped.countDown();
            return; // never started: nothing to release
        }
        if (cancelStart()) {
            return;
        }
        Drain effective = lifecycle.state() == WorkerState.FAILED ? Drain.DONT_DRAIN : drain;
        if (!lifecycle.moveTo(WorkerState.DRAINING)) {
            awaitStopped(); // another thread is closing it, or closed it
            return;
        }
        release(effective);
    }

    private void interruptStart() {
        synchronized (startLock) {
            startCancelled = true;
            if (starter != null) {
                starter.interrupt();
            }
        }
    }

    private boolean cancelled() {
        synchronized (startLock) {
            return startCancelled;
        }
    }

    private void release(Drain drain) {
        LOGGER.info("stopping worker {} ({})", config.workerId(), drain);
        watchdog.shutdownNow();
        synchronized (lock) {
            parts.close(drain);
        }
        lifecycle.moveTo(WorkerState.STOPPED);
        stopped.countDown();
        LOGGER.info("worker {} stopped", config.workerId());
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
