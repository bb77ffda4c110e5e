package dev.vprompt.worker.lifecycle;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.Backoff;
import dev.vprompt.worker.JobFlow;
import dev.vprompt.worker.batch.DynamicBatcher;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.fetch.ExampleCache;
import dev.vprompt.worker.fetch.ImageFetcher;
import dev.vprompt.worker.fetch.MinioObjectStore;
import dev.vprompt.worker.fetch.ObjectStore;
import dev.vprompt.worker.fetch.S3Clients;
import dev.vprompt.worker.infer.InferenceWorker;
import dev.vprompt.worker.infer.Inferred;
import dev.vprompt.worker.infer.ModelRuntime;
import dev.vprompt.worker.ingest.JobValidator;
import dev.vprompt.worker.ingest.KafkaJobSource;
import dev.vprompt.worker.ingest.OffsetTracker;
import dev.vprompt.worker.metrics.WorkerMetrics;
import dev.vprompt.worker.prompt.PromptAssembler;
import dev.vprompt.worker.publish.CompletionEvents;
import dev.vprompt.worker.publish.DeadLetters;
import dev.vprompt.worker.publish.EventProducer;
import dev.vprompt.worker.publish.ResultRenderer;
import io.minio.MinioAsyncClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running vprompt worker: Kafka intake, S3 fetch, canvas preparation, dynamic batching, one inference thread per
 * device, publishing, the operations endpoint.
 *
 * <p>Lifecycle: {@link #start()} once; {@link #close()} (or {@link #close(Drain)}) is safe to call twice and from a
 * shutdown hook; the state changes by compare-and-set. Shutdown order: stop intake, drain in-flight jobs within
 * {@code pipeline.drainTimeout}, commit, close the consumer, the batcher and inference threads, the producer, S3, the
 * HTTP endpoint, Vert.x.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(Worker.class);

    /** Whether {@link #close(Drain)} waits for in-flight jobs. */
    public enum Drain {
        DRAIN,
        DONT_DRAIN
    }

    private enum State {
        NEW,
        STARTING,
        RUNNING,
        STOPPING,
        STOPPED
    }

    private final WorkerConfig config;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final WorkerMetrics metrics = new WorkerMetrics();
    private final List<InferenceWorker> inference = new ArrayList<>();
    private final OffsetTracker tracker = new OffsetTracker();
    private Vertx vertx;
    private Context context;
    private ExecutorService cpu;
    private ObjectStore store;
    private EventProducer producer;
    private KafkaJobSource source;
    private JobFlow flow;
    private HealthServer http;
    private DynamicBatcher<Canvas, Inferred> batcher;
    private ModelRuntime model;
    private volatile boolean storeReachable;
    private volatile int httpPort = -1;

    public Worker(WorkerConfig config) {
        this(config, Clock.systemUTC());
    }

    public Worker(WorkerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Loads and warms the model, connects to Kafka and S3 and starts consuming. Blocks until ready to consume. On
     * failure everything started so far is closed again.
     */
    public Worker start() throws Exception {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("worker already started");
        }
        try {
            return doStart();
        } catch (Exception | Error e) {
            close(Drain.DONT_DRAIN);
            throw e;
        }
    }

    private Worker doStart() throws Exception {
        LOGGER.info("starting worker {} with {}", config.workerId(), config.s3());
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        MinioAsyncClient s3 = S3Clients.async(config.s3());
        store = new MinioObjectStore(
                s3,
                Math.min(16, config.s3().maxConcurrentRequests()),
                config.s3().maxConcurrentRequests());
        model = ModelRuntime.create(config.model(), s3);

        batcher = new DynamicBatcher<>(config.batch(), config.workerId());
        for (String device : model.devices()) {
            InferenceWorker w =
                    new InferenceWorker(device, batcher, () -> model.backend(device), b -> metrics.batch(b.size()));
            w.start(TimeUnit.MINUTES.toMillis(10));
            metrics.deviceGauge(w.device(), w::utilisation);
            metrics.deviceBusy(w.device(), () -> w.busyNanos() / 1e9);
            metrics.liveArrays(w.device(), w::liveArrays);
            inference.add(w);
        }
        AtomicInteger n = new AtomicInteger();
        cpu = Executors.newFixedThreadPool(config.pipeline().prepareThreads(), r -> {
            Thread t = new Thread(r, "vp-prepare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        producer = new EventProducer(
                config.kafka().bootstrapServers(),
                "vp-publish-" + config.workerId(),
                config.kafka().clientProperties());

        ExampleCache examples = new ExampleCache(
                config.pipeline().exampleCacheBytes(), config.s3().immutableBuckets());
        metrics.exampleCache(examples::hits, examples::misses, examples::bytes);
        JobFlow.Stages stages = new JobFlow.Stages(
                EventCodecs.promptJob(),
                EventCodecs.promptCompleted(),
                EventCodecs.deadLetter(),
                new JobValidator(
                        config.s3(),
                        config.pipeline().maxExamples(),
                        model.identity().id(),
                        clock),
                new ImageFetcher(store, config.s3().maxObjectBytes(), examples),
                new PromptAssembler(
                        config.pipeline().maxImagePixels(), config.s3().maxObjectBytes(), examples),
                batcher,
                new ResultRenderer(config.pipeline().publishPrediction()),
                store,
                producer,
                new CompletionEvents(config.workerId(), model.identity(), clock),
                new DeadLetters(config.workerId(), clock),
                metrics,
                cpu);
        flow = new JobFlow(
                vertx,
                context,
                stages,
                new JobFlow.Settings(
                        config.kafka().completionsTopic(),
                        config.kafka().deadLetterTopic(),
                        model.identity().id(),
                        config.pipeline().maxInFlight(),
                        new Backoff(
                                config.pipeline().retryInitialBackoff(),
                                config.pipeline().retryMaxBackoff(),
                                Backoff.DEFAULT_JITTER)),
                tracker,
                clock);
        source = new KafkaJobSource(config.kafka(), tracker, context, flow);
        flow.intake(new JobFlow.IntakeControl() {
            @Override
            public void pause() {
                if (!source.isPaused()) {
                    source.pause();
                }
            }

            @Override
            public void resume() {
                if (source.isPaused()) {
                    source.resume();
                }
            }

            @Override
            public void commitSoon() {
                source.requestCommit();
            }
        });
        registerGauges();
        watchStore();
        http = new HealthServer(vertx, config.http(), metrics, this::isLive, this::readiness);
        httpPort = http.start();
        source.start();
        state.set(State.RUNNING);
        LOGGER.info(
                "worker {} running: model {} on {}, http port {}",
                config.workerId(),
                model.identity().id(),
                model.devices(),
                httpPort);
        return this;
    }

    private void registerGauges() {
        metrics.gauge(WorkerMetrics.IN_FLIGHT, "Jobs between poll and completion", tracker::pendingCount);
        metrics.gauge(WorkerMetrics.PAUSED_PARTITIONS, "Partitions paused by back-pressure", source::pausedPartitions);
        metrics.gauge(WorkerMetrics.CONSUMER_LAG, "Records not yet consumed on assigned partitions", source::lag);
    }

    private void watchStore() {
        String bucket = config.s3().allowedBuckets().stream()
                .filter(b -> !b.equals("*"))
                .findFirst()
                .orElse(null);
        Runnable check = () -> {
            if (bucket == null) {
                storeReachable = true;
                return;
            }
            store.ping(bucket).thenAccept(ok -> storeReachable = ok);
        };
        check.run();
        vertx.setPeriodic(5000, id -> check.run());
    }

    boolean isLive() {
        State s = state.get();
        return s == State.RUNNING || s == State.STARTING || s == State.STOPPING;
    }

    Map<String, Boolean> readiness() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("running", state.get() == State.RUNNING);
        checks.put("model", model != null && !inference.isEmpty());
        checks.put("broker", source != null && source.isAssigned());
        checks.put("store", storeReachable);
        return checks;
    }

    public int httpPort() {
        return httpPort;
    }

    public WorkerMetrics metrics() {
        return metrics;
    }

    public ModelRuntime model() {
        return model;
    }

    @Override
    public void close() {
        close(Drain.DRAIN);
    }

    /** Stops the worker; with {@link Drain#DRAIN} in-flight jobs finish (within the drain timeout) first. */
    public void close(Drain drain) {
        State prev = state.getAndUpdate(s -> s == State.RUNNING || s == State.STARTING ? State.STOPPING : s);
        if (prev != State.RUNNING && prev != State.STARTING) {
            return;
        }
        LOGGER.info("stopping worker {} ({})", config.workerId(), drain);
        if (flow != null && context != null) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            context.runOnContext(v -> {
                flow.stopIntake();
                if (drain == Drain.DRAIN) {
                    flow.drained().whenComplete((x, e) -> drained.complete(null));
                } else {
                    drained.complete(null);
                }
            });
            try {
                drained.get(config.pipeline().drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOGGER.warn(
                        "drain did not finish within {}; unfinished jobs stay uncommitted and will be redelivered",
                        config.pipeline().drainTimeout());
            }
        }
        closeQuietly("consumer", source, () -> source.stop(java.time.Duration.ofSeconds(15)));
        closeQuietly("batcher", batcher, () -> batcher.close());
        for (InferenceWorker w : inference) {
            closeQuietly("inference", w, () -> {
                if (drain == Drain.DONT_DRAIN) {
                    w.close();
                }
                w.awaitStop(30_000);
            });
        }
        closeQuietly("producer", producer, () -> producer.close());
        closeQuietly("cpu pool", cpu, () -> cpu.shutdownNow());
        closeQuietly("store", store, () -> store.close());
        closeQuietly("http", http, () -> http.close());
        closeQuietly(
                "vertx",
                vertx,
                () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        state.set(State.STOPPED);
        LOGGER.info("worker {} stopped", config.workerId());
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one shutdown step; a part that was never created (start failed earlier) is skipped. */
    private static void closeQuietly(String what, Object part, Step step) {
        if (part == null) {
            return;
        }
        try {
            step.run();
        } catch (Exception e) {
            LOGGER.warn("closing {} failed: {}", what, e.toString());
        }
    }
}
