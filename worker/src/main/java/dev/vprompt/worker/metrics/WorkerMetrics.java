package dev.vprompt.worker.metrics;

import dev.vprompt.schemas.StageTimings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Every metric of the worker, defined in one place (name, unit, description, tags) and exported for Prometheus at
 * {@code /metrics}, plus the JVM's threads and memory pools ({@code jvm_threads_*}, {@code jvm_memory_*}). The
 * per-stage timings are the same numbers the completion events carry.
 *
 * <p>Thread-safe (Micrometer meters are).
 */
public final class WorkerMetrics {

    public static final String JOBS = "vp.jobs";
    public static final String STAGE = "vp.stage.duration";
    public static final String BATCH_SIZE = "vp.batch.size";
    public static final String RETRIES = "vp.retries";
    public static final String IN_FLIGHT = "vp.in.flight";
    public static final String IN_FLIGHT_BYTES = "vp.in.flight.bytes";
    public static final String PAUSED_PARTITIONS = "vp.partitions.paused";
    public static final String CONSUMER_LAG = "vp.consumer.lag";
    public static final String TRANSACTIONS = "vp.transactions";
    public static final String HELD_EVENTS = "vp.events.held";
    public static final String DEVICE_UTILISATION = "vp.device.utilisation";
    public static final String DEVICE_BUSY = "vp.device.busy";
    public static final String DEVICE_BATCH_LIMIT = "vp.device.batch.limit";
    public static final String DEVICE_SUSPENDED = "vp.device.suspended";
    public static final String DEVICE_OUT_OF_MEMORY = "vp.device.out.of.memory";
    public static final String EXAMPLE_CACHE_HITS = "vp.example.cache.hits";
    public static final String EXAMPLE_CACHE_MISSES = "vp.example.cache.misses";
    public static final String EXAMPLE_CACHE_BYTES = "vp.example.cache.bytes";
    public static final String LIVE_NDARRAYS = "vp.ndarrays.live";

    private static final String[] STAGES = {"queue", "fetch", "prepare", "batch_wait", "infer", "publish", "total"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();
    private final Map<String, Counter> jobs = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    /** Suppliers of function counters: the registry holds them weakly, and they are lambdas nobody else holds. */
    private final List<Object> retained = new CopyOnWriteArrayList<>();

    public WorkerMetrics() {
        for (String s : STAGES) {
            stages.put(
                    s,
                    Timer.builder(STAGE)
                            .description("Wall time a job spent in one pipeline stage")
                            .tag("stage", s)
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofMinutes(2))
                            .register(registry));
        }
        batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Items per inference call")
                .baseUnit("items")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts a finished job by status and error code ({@code none} on success). */
    public void jobFinished(String status, String code) {
        jobs.computeIfAbsent(
                        status + "/" + code,
                        k -> Counter.builder(JOBS)
                                .description("Jobs finished, by status and error code")
                                .tag("status", status)
                                .tag("code", code)
                                .register(registry))
                .increment();
    }

    /** Records one finished job's stage times: the numbers its completion event carries. */
    public void recordStages(StageTimings t) {
        record("queue", t.getQueueMs());
        record("fetch", t.getFetchMs());
        record("prepare", t.getPrepareMs());
        record("batch_wait", t.getBatchWaitMs());
        record("infer", t.getInferMs());
        record("publish", t.getPublishMs());
        record("total", t.getTotalMs());
    }

    private void record(String stage, long ms) {
        stages.get(stage).record(Duration.ofMillis(ms));
    }

    public void batch(int size) {
        batchSize.record(size);
    }

    public void retry(String stage) {
        Counter.builder(RETRIES)
                .description("Transient failures retried, by stage")
                .tag("stage", stage)
                .register(registry)
                .increment();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /**
     * Exactly-once delivery: Kafka transactions committed and aborted ({@code vp_transactions_total{outcome}}), and the
     * events held until their jobs' offsets commit.
     */
    public void transactions(Supplier<Number> committed, Supplier<Number> aborted, Supplier<Number> held) {
        retained.add(committed);
        retained.add(aborted);
        FunctionCounter.builder(TRANSACTIONS, committed, c -> c.get().doubleValue())
                .description("Kafka transactions that committed finished jobs' events with their offsets, by outcome")
                .tag("outcome", "committed")
                .register(registry);
        FunctionCounter.builder(TRANSACTIONS, aborted, a -> a.get().doubleValue())
                .description("Kafka transactions that committed finished jobs' events with their offsets, by outcome")
                .tag("outcome", "aborted")
                .register(registry);
        Gauge.builder(HELD_EVENTS, held)
                .description("Events held until their jobs' offsets commit with them")
                .register(registry);
    }

    /** Example cache lookups that found a prepared cell / that had to read the object, and the pixel bytes held. */
    public void exampleCache(Supplier<Number> hits, Supplier<Number> misses, Supplier<Number> bytes) {
        retained.add(hits);
        retained.add(misses);
        FunctionCounter.builder(EXAMPLE_CACHE_HITS, hits, h -> h.get().doubleValue())
                .description("Example images served from the cache of prepared cells")
                .register(registry);
        FunctionCounter.builder(EXAMPLE_CACHE_MISSES, misses, m -> m.get().doubleValue())
                .description("Cacheable example images that had to be read and prepared")
                .register(registry);
        Gauge.builder(EXAMPLE_CACHE_BYTES, bytes)
                .description("Pixel bytes of prepared example cells held")
                .baseUnit("bytes")
                .register(registry);
    }

    public void deviceGauge(String device, Supplier<Number> utilisation) {
        Gauge.builder(DEVICE_UTILISATION, utilisation)
                .description("Fraction of wall time the inference thread spent in the model since it started")
                .tag("device", device)
                .register(registry);
    }

    /** NDArrays the device's model holds between batches: constant unless native memory leaks. */
    public void liveArrays(String device, Supplier<Number> count) {
        Gauge.builder(LIVE_NDARRAYS, count)
                .description("NDArrays held by the model between batches (weights; growth means a leak)")
                .tag("device", device)
                .register(registry);
    }

    /**
     * Seconds the device's inference thread has spent in the model (a counter: its rate over a window is the
     * device's utilisation in that window).
     */
    public void deviceBusy(String device, Supplier<Number> busySeconds) {
        retained.add(busySeconds);
        FunctionCounter.builder(DEVICE_BUSY, busySeconds, s -> s.get().doubleValue())
                .description("Seconds the inference thread spent in the model")
                .tag("device", device)
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * How a device guards itself: the most canvases it runs in one call now (lowered after out-of-memory errors),
     * whether its circuit breaker has suspended it (1) or not (0), and how many calls ran out of memory.
     */
    public void deviceGuard(
            String device, Supplier<Number> batchLimit, Supplier<Number> suspended, Supplier<Number> outOfMemory) {
        retained.add(outOfMemory);
        Gauge.builder(DEVICE_BATCH_LIMIT, batchLimit)
                .description("Most canvases the device runs in one call now (lowered after out-of-memory errors)")
                .tag("device", device)
                .register(registry);
        Gauge.builder(DEVICE_SUSPENDED, suspended)
                .description("1 while the device's circuit breaker keeps it from taking batches, else 0")
                .tag("device", device)
                .register(registry);
        FunctionCounter.builder(DEVICE_OUT_OF_MEMORY, outOfMemory, m -> m.get().doubleValue())
                .description("Inference calls that ran out of device memory (each was split and run again)")
                .tag("device", device)
                .register(registry);
    }

    /** Seconds all devices have spent in the model so far (for reports). */
    public double deviceBusySeconds() {
        return registry.find(DEVICE_BUSY).functionCounters().stream()
                .mapToDouble(FunctionCounter::count)
                .sum();
    }

    /** Mean batch size so far (for reports). */
    public double meanBatchSize() {
        return batchSize.mean();
    }

    public long batches() {
        return batchSize.count();
    }
}
