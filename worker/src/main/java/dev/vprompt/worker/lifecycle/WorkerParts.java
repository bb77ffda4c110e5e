package dev.vprompt.worker.lifecycle;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.fetch.S3Clients;
import dev.vprompt.worker.infer.ModelRuntime;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.fetch.ImageFetcher;
import dev.vprompt.worker.internal.fetch.ObjectStore;
import dev.vprompt.worker.internal.flow.ByteBudget;
import dev.vprompt.worker.internal.flow.IntakeGate;
import dev.vprompt.worker.internal.flow.JobFlow;
import dev.vprompt.worker.internal.flow.RetryReporter;
import dev.vprompt.worker.internal.infer.DeviceGuardSettings;
import dev.vprompt.worker.internal.infer.InferencePool;
import dev.vprompt.worker.internal.infer.InferenceWorker;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.ingest.JobDecoder;
import dev.vprompt.worker.internal.ingest.JobValidator;
import dev.vprompt.worker.internal.ingest.KafkaJobSource;
import dev.vprompt.worker.internal.ingest.KafkaShareJobSource;
import dev.vprompt.worker.internal.ingest.KafkaSource;
import dev.vprompt.worker.internal.ingest.OffsetTracker;
import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.probe.BrokerProbe;
import dev.vprompt.worker.internal.probe.DependencyMonitor;
import dev.vprompt.worker.internal.probe.InferenceProbe;
import dev.vprompt.worker.internal.probe.Probe;
import dev.vprompt.worker.internal.probe.StoreProbe;
import dev.vprompt.worker.internal.prompt.ExampleCache;
import dev.vprompt.worker.internal.prompt.PromptAssembler;
import dev.vprompt.worker.internal.publish.CompletionEvents;
import dev.vprompt.worker.internal.publish.DeadLetters;
import dev.vprompt.worker.internal.publish.EventProducer;
import dev.vprompt.worker.internal.publish.FailureEvents;
import dev.vprompt.worker.internal.publish.KafkaEventProducer;
import dev.vprompt.worker.internal.publish.OutcomePublisher;
import dev.vprompt.worker.internal.publish.ResultRenderer;
import dev.vprompt.worker.internal.publish.StagedEventProducer;
import dev.vprompt.worker.internal.publish.TopicSizeLimits;
import dev.vprompt.worker.internal.publish.TransactionalCommits;
import dev.vprompt.worker.internal.retrieve.ExampleRetriever;
import dev.vprompt.worker.internal.retry.Backoff;
import dev.vprompt.worker.internal.retry.JobRetryBudget;
import dev.vprompt.worker.internal.retry.RetryBudgets;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import dev.vprompt.worker.metrics.WorkerMetrics;
import io.minio.MinioAsyncClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a running worker is made of. {@link #build} creates the parts in dependency order; {@link #close}
 * releases them once, in shutdown order: stop intake, drain in-flight jobs within {@code pipeline.drainTimeout},
 * close the consumer (which commits), the batcher and the inference threads, the producer, the CPU pool, the store,
 * the HTTP endpoint, Vert.x. A part that was never built (start failed earlier) is skipped.
 *
 * <p>Threading: {@link #build} and {@link #close} run on the thread that starts or closes the {@link Worker}, one at a
 * time (the worker's lock). The readiness accessors may be called from any thread (the health endpoint); they read
 * volatile fields.
 */
final class WorkerParts {

    private static final Logger LOGGER = LoggerFactory.getLogger(WorkerParts.class);
    private static final long MODEL_LOAD_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final Duration CONSUMER_STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final long INFERENCE_STOP_TIMEOUT_MILLIS = 30_000;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Exactly-once delivery: events held for uncommitted offsets, per job of {@code pipeline.maxInFlight}, beyond which
     * the partitions are paused (a job has at most two events: a FAILED completion and its dead letter).
     */
    static final int HELD_EVENTS_PER_IN_FLIGHT_JOB = 8;

    private final WorkerConfig config;
    private final Clock clock;
    private final WorkerMetrics metrics;
    private Vertx vertx;
    private Context context;
    private ExecutorService cpu;
    private ObjectStore store;
    private volatile EventProducer producer;
    private Admin admin;
    private DynamicBatcher<Canvas, Inferred> batcher;
    private JobFlow flow;
    private HealthServer http;
    private volatile InferencePool inference;
    private volatile KafkaSource source;
    private volatile ModelRuntime model;
    private volatile DependencyMonitor dependencies;
    private volatile int httpPort = -1;
    private boolean closed;

    WorkerParts(WorkerConfig config, Clock clock, WorkerMetrics metrics) {
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Loads the model, starts the inference threads and the endpoint, connects, and starts consuming. */
    void build(BooleanSupplier live, Supplier<Map<String, Boolean>> readiness) throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        MinioAsyncClient s3 = S3Clients.async(config.s3());
        store = S3Clients.store(config.s3(), s3);
        model = ModelRuntime.create(config.model(), s3);
        batcher = new DynamicBatcher<>(config.batch(), config.workerId());
        startInference();
        cpu = cpuPool(config.pipeline().prepareThreads());
        admin = Admin.create(adminProperties());
        Executor onContext = task -> context.runOnContext(v -> task.run());
        source = source(onContext);
        flow = flow(onContext);
        metrics.gauge(WorkerMetrics.IN_FLIGHT, "Jobs between poll and completion", source::inFlight);
        metrics.gauge(WorkerMetrics.PAUSED_PARTITIONS, "Partitions paused by back-pressure", source::pausedPartitions);
        metrics.gauge(
                WorkerMetrics.CONSUMER_LAG,
                "Records not yet consumed: on assigned partitions (group mode), by the whole share group (share mode)",
                source::lag);
        http = new HealthServer(vertx, config.http(), metrics, live, readiness);
        httpPort = http.start();
        context.runOnContext(v -> dependencies.start());
        flow.start();
    }

    /**
     * The job source and the event producer for the configured delivery: a share group, a consumer group whose
     * consumer commits (at-least-once), or a consumer group whose offsets commit with their events in transactions
     * (exactly-once).
     */
    private KafkaSource source(Executor onContext) {
        KafkaSettings k = config.kafka();
        if (!k.exactlyOnce()) {
            producer = KafkaEventProducer.create(
                    k.bootstrapServers(), "vp-publish-" + config.workerId(), k.clientProperties());
            return k.shareMode()
                    ? new KafkaShareJobSource(k, config.pipeline().maxInFlight(), onContext)
                    : new KafkaJobSource(k, new OffsetTracker(), onContext);
        }
        OffsetTracker tracker = new OffsetTracker();
        producer = new StagedEventProducer(tracker);
        TransactionalCommits transactions = TransactionalCommits.create(k, config.workerId());
        metrics.transactions(transactions::committed, transactions::aborted, tracker::stagedCount);
        return new KafkaJobSource(
                k,
                tracker,
                transactions,
                HELD_EVENTS_PER_IN_FLIGHT_JOB * config.pipeline().maxInFlight(),
                onContext);
    }

    /** One inference thread per device, sharing the batcher; metrics per device label. */
    private void startInference() throws InterruptedException {
        inference = new InferencePool(
                batcher, DeviceGuardSettings.defaults(config.batch().maxBatchSize()));
        inference.start(model.devices(), model::backend, b -> metrics.batch(b.size()), MODEL_LOAD_TIMEOUT_MILLIS);
        for (InferenceWorker w : inference.workers()) {
            metrics.deviceGauge(w.device(), w::utilisation);
            metrics.deviceBusy(w.device(), () -> w.busyNanos() / 1e9);
            metrics.liveArrays(w.device(), w::liveArrays);
            metrics.deviceGuard(
                    w.device(),
                    w::batchLimit,
                    () -> w.state() == InferenceWorker.State.SUSPENDED ? 1 : 0,
                    w::outOfMemoryErrors);
        }
    }

    private JobFlow flow(Executor onContext) {
        ExampleCache examples = new ExampleCache(
                config.pipeline().exampleCacheBytes(), config.s3().immutableBuckets());
        metrics.exampleCache(examples::hits, examples::misses, examples::bytes);
        IntakeGate gate = new IntakeGate(
                source, config.pipeline().maxInFlight(), config.kafka().maxPollRecords());
        ByteBudget budget = new ByteBudget(config.pipeline().maxInFlightBytes(), gate, onContext);
        metrics.gauge(WorkerMetrics.IN_FLIGHT_BYTES, "Bytes held by the jobs in flight", budget::bytes);
        RetryPolicy.Scheduler timers = (delay, task) -> vertx.setTimer(delay, id -> task.run());
        dependencies = dependencyMonitor(gate, onContext, timers);
        RetryPolicy retry = new RetryPolicy(
                new Backoff(
                        config.pipeline().retryInitialBackoff(),
                        config.pipeline().retryMaxBackoff(),
                        Backoff.DEFAULT_JITTER),
                onContext,
                timers,
                new RetryReporter(metrics, dependencies::suspect));
        CompletionEvents completions = new CompletionEvents(config.workerId(), model.identity(), clock);
        OutcomePublisher.Codecs codecs =
                new OutcomePublisher.Codecs(EventCodecs.promptCompleted(), EventCodecs.deadLetter());
        OutcomePublisher.Topics topics = new OutcomePublisher.Topics(
                config.kafka().completionsTopic(), config.kafka().deadLetterTopic());
        OutcomePublisher publisher = new OutcomePublisher(
                store,
                producer,
                completions,
                new FailureEvents(
                        completions, new DeadLetters(config.workerId(), clock), codecs, topics, topicLimits(topics)),
                codecs,
                topics,
                retry);
        JobValidator validator = new JobValidator(
                config.s3(),
                config.pipeline().maxExamples(),
                config.batch().maxBatchSize(),
                model.identity().id(),
                clock);
        PromptAssembler assembler = new PromptAssembler(
                PromptAssembler.limits(
                        config.s3().maxObjectBytes(),
                        config.pipeline().maxImagePixels(),
                        config.pipeline().maxImageSide()),
                examples);
        JobFlow.Stages stages = new JobFlow.Stages(
                new JobDecoder(EventCodecs.promptJob(), validator),
                new ExampleRetriever(
                        store,
                        config.s3().maxObjectBytes(),
                        assembler,
                        batcher,
                        model.identity(),
                        cpu,
                        System::nanoTime,
                        validator::requireReadable),
                new ImageFetcher(store, config.s3().maxObjectBytes()),
                assembler,
                batcher,
                new ResultRenderer(
                        config.pipeline().publishPrediction(), config.pipeline().predictionRows()),
                publisher,
                metrics,
                cpu);
        RetryBudgets budgets = new RetryBudgets(
                new JobRetryBudget.Limits(
                        config.pipeline().retryMaxAttempts(), config.pipeline().retryMaxElapsed()),
                dependencies,
                clock);
        return new JobFlow(
                onContext, stages, model.identity().id(), gate, budget, retry, budgets, source.outcomes(), clock);
    }

    /**
     * Probes the store, the broker and the inference devices; while one is down, intake is held for every partition
     * (pausing them, never the poll loop).
     */
    private DependencyMonitor dependencyMonitor(IntakeGate gate, Executor onContext, RetryPolicy.Scheduler timers) {
        Map<Dependency, Probe> probes = new EnumMap<>(Dependency.class);
        probes.put(
                Dependency.STORE,
                new StoreProbe(store, config.s3().probeBucket().orElse(null)));
        KafkaSettings k = config.kafka();
        probes.put(
                Dependency.BROKER,
                new BrokerProbe(
                        admin,
                        List.of(k.jobsTopic(), k.completionsTopic(), k.deadLetterTopic()),
                        config.pipeline().dependencyProbeTimeout()));
        InferencePool pool = inference;
        probes.put(Dependency.INFERENCE, new InferenceProbe(pool::health));
        return new DependencyMonitor(
                probes,
                onContext,
                timers,
                config.pipeline().dependencyProbeInterval(),
                config.pipeline().dependencyProbeTimeout(),
                (dependency, up) -> {
                    if (up) {
                        gate.unhold();
                    } else {
                        gate.hold();
                    }
                },
                System::nanoTime);
    }

    /** The record size limits of the output topics: the producer's, or the broker's when it says less. */
    private TopicSizeLimits topicLimits(OutcomePublisher.Topics topics) {
        Map<String, String> client = config.kafka().clientProperties();
        return new TopicSizeLimits(
                KafkaEventProducer.maxRequestBytes(client),
                TopicSizeLimits.read(admin, List.of(topics.completions(), topics.deadLetters()), ADMIN_TIMEOUT));
    }

    /** The admin client reads topic limits and probes the broker, with the worker's own client properties. */
    private Properties adminProperties() {
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "vp-admin-" + config.workerId());
        return p;
    }

    private static ExecutorService cpuPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vp-prepare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    ModelRuntime model() {
        return model;
    }

    int httpPort() {
        return httpPort;
    }

    /** The inference threads, or null before they are started. */
    InferencePool inference() {
        return inference;
    }

    /** The job source, or null before it is built. */
    KafkaSource source() {
        return source;
    }

    /** The event producer, or null before it is built. */
    EventProducer producer() {
        return producer;
    }

    /** The dependency probes, or null before they are built. */
    DependencyMonitor dependencies() {
        return dependencies;
    }

    /** Releases every part once; with {@link Worker.Drain#DRAIN} in-flight jobs first finish (within the timeout). */
    void close(Worker.Drain drain) {
        if (closed) {
            return;
        }
        closed = true;
        if (dependencies != null) {
            context.runOnContext(v -> dependencies.stop());
        }
        if (flow != null) {
            stopIntakeAndDrain(drain == Worker.Drain.DRAIN);
        }
        closeQuietly("consumer", source, () -> source.stop(CONSUMER_STOP_TIMEOUT));
        closeQuietly("batcher", batcher, () -> batcher.close());
        closeQuietly(
                "inference",
                inference,
                () -> inference.stop(drain == Worker.Drain.DRAIN, INFERENCE_STOP_TIMEOUT_MILLIS));
        closeQuietly("producer", producer, () -> producer.close());
        closeQuietly("admin", admin, () -> admin.close(ADMIN_TIMEOUT));
        closeQuietly("cpu pool", cpu, () -> cpu.shutdownNow());
        closeQuietly("store", store, () -> store.close());
        closeQuietly("http", http, () -> http.close());
        closeQuietly(
                "vertx",
                vertx,
                () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    private void stopIntakeAndDrain(boolean drain) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        context.runOnContext(v -> {
            flow.stopIntake();
            if (drain) {
                flow.drained().whenComplete((x, e) -> drained.complete(null));
            } else {
                drained.complete(null);
            }
        });
        Duration timeout = config.pipeline().drainTimeout();
        try {
            drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOGGER.warn(
                    "drain did not finish within {}; unfinished jobs stay uncommitted and will be redelivered",
                    timeout);
            flow.abandon();
        }
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
