package dev.vprompt.worker.internal.flow;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.infer.NullBackend;
import dev.vprompt.worker.internal.batch.DynamicBatcher;
import dev.vprompt.worker.internal.fetch.ImageFetcher;
import dev.vprompt.worker.internal.fetch.InMemoryStore;
import dev.vprompt.worker.internal.infer.DeviceGuardSettings;
import dev.vprompt.worker.internal.infer.InferencePool;
import dev.vprompt.worker.internal.infer.Inferred;
import dev.vprompt.worker.internal.ingest.JobDecoder;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.JobSource;
import dev.vprompt.worker.internal.ingest.JobValidator;
import dev.vprompt.worker.internal.ingest.OffsetTracker;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.prompt.PromptAssembler;
import dev.vprompt.worker.internal.publish.CompletionEvents;
import dev.vprompt.worker.internal.publish.DeadLetters;
import dev.vprompt.worker.internal.publish.EventProducer;
import dev.vprompt.worker.internal.publish.FailureEvents;
import dev.vprompt.worker.internal.publish.OutcomePublisher;
import dev.vprompt.worker.internal.publish.ResultRenderer;
import dev.vprompt.worker.internal.publish.TopicSizeLimits;
import dev.vprompt.worker.internal.retrieve.ExampleRetriever;
import dev.vprompt.worker.internal.retry.Backoff;
import dev.vprompt.worker.internal.retry.FailureClassifier;
import dev.vprompt.worker.internal.retry.JobRetryBudget;
import dev.vprompt.worker.internal.retry.RetryBudgets;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * A {@link JobFlow} with its real stages (decoder, fetcher, assembler, batcher and an inference thread on the null
 * model, renderer, publisher, retry policy, intake gate) around small in-memory fakes of the object store, the event
 * producer and the job source. A single-thread executor plays the event loop. No Kafka, no S3.
 */
final class FlowFixture implements AutoCloseable {

    static final TopicPartition PARTITION = new TopicPartition("jobs", 0);
    static final String COMPLETIONS = "completions";
    static final String DEAD_LETTERS = "dlq";
    static final String MODEL = "mae-vqgan";
    /** The record size limit of both output topics. */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    static final int RETRY_MAX_ATTEMPTS = 20;

    final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-loop"));
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final InMemoryStore store = new InMemoryStore(images());
    final FakeProducer producer = new FakeProducer();
    final WorkerMetrics metrics = new WorkerMetrics();
    final OffsetTracker tracker = new OffsetTracker();
    final ManualSource source = new ManualSource();
    private final DynamicBatcher<Canvas, Inferred> batcher = new DynamicBatcher<>(
            BatchSettings.builder().maxBatchDelay(Duration.ofMillis(5)).build(), "test");
    private final InferencePool inference =
            new InferencePool(batcher, DeviceGuardSettings.defaults(BatchSettings.DEFAULT_MAX_BATCH_SIZE));
    final IntakeGate gate = new IntakeGate(source, 16);
    final ByteBudget budget;
    final JobFlow flow;
    /** Dependencies that jobs' transient failures made suspect (what the probes would be told). */
    final java.util.Set<dev.vprompt.worker.internal.job.Dependency> suspected =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Dependencies the budgets see as down (a probe's verdict); the test changes it. */
    final java.util.Set<dev.vprompt.worker.internal.job.Dependency> dependencies =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final RetryBudgets budgets;
    private long nextOffset;

    FlowFixture() throws Exception {
        this(1L << 30);
    }

    /** @param maxBytes the bytes jobs in flight may hold before intake pauses */
    FlowFixture(long maxBytes) throws Exception {
        budget = new ByteBudget(maxBytes, gate, loop);
        inference.start(List.of("cpu"), d -> new NullBackend(), b -> {}, 10_000);
        Clock clock = Clock.systemUTC();
        RetryPolicy retry = new RetryPolicy(
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 0),
                loop,
                (delay, task) -> timers.schedule(() -> loop.execute(task), delay, TimeUnit.MILLISECONDS),
                new RetryReporter(metrics, suspected::add));
        S3Settings s3 = S3Settings.builder()
                .endpoint("http://unused")
                .credentials("a", "b")
                .allowedBuckets(Set.of("images", "results"))
                .build();
        CompletionEvents completions = new CompletionEvents("w-test", ModelIdentity.nullModel(MODEL), clock);
        OutcomePublisher.Codecs codecs =
                new OutcomePublisher.Codecs(EventCodecs.promptCompleted(), EventCodecs.deadLetter());
        OutcomePublisher.Topics topics = new OutcomePublisher.Topics(COMPLETIONS, DEAD_LETTERS);
        OutcomePublisher publisher = new OutcomePublisher(
                store,
                producer,
                completions,
                new FailureEvents(
                        completions,
                        new DeadLetters("w-test", clock),
                        codecs,
                        topics,
                        new TopicSizeLimits(MAX_RECORD_BYTES, Map.of())),
                codecs,
                topics,
                retry);
        PromptAssembler assembler = new PromptAssembler(1_000_000, 1 << 20);
        JobFlow.Stages stages = new JobFlow.Stages(
                new JobDecoder(EventCodecs.promptJob(), new JobValidator(s3, 8, 8, MODEL, clock)),
                new ExampleRetriever(
                        store,
                        1 << 20,
                        assembler,
                        batcher,
                        ModelIdentity.nullModel(MODEL),
                        cpu,
                        System::nanoTime,
                        (ref, what) -> {}),
                new ImageFetcher(store, 1 << 20),
                assembler,
                batcher,
                new ResultRenderer(),
                publisher,
                metrics,
                cpu);
        budgets = new RetryBudgets(
                new JobRetryBudget.Limits(RETRY_MAX_ATTEMPTS, Duration.ofMinutes(1)), dependencies::contains, clock);
        flow = new JobFlow(loop, stages, MODEL, gate, budget, retry, budgets, tracker, clock);
        onLoop(() -> {
            flow.start();
            return null;
        });
    }

    /** Hands a record to the flow as the Kafka source does: registered in flight first, delivered on the loop. */
    JobRecord deliver(String key, byte[] value) {
        long offset = nextOffset++;
        long generation = tracker.track(PARTITION, offset);
        JobRecord r =
                new JobRecord(PARTITION, offset, generation, key.getBytes(StandardCharsets.UTF_8), value, Map.of(), 0);
        loop.execute(() -> source.sink.onRecords(List.of(r)));
        return r;
    }

    /** Runs {@code task} on the flow's loop and waits for its answer. */
    <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }

    /** Closes the batcher, as the worker does once its drain is over. */
    void closeBatcher() {
        batcher.close();
    }

    int inFlight() throws Exception {
        return onLoop(gate::inFlight);
    }

    /**
     * The offset the partition may be committed up to now (the next record to read); 0, where the group stands before
     * the first record, while nothing moved it.
     */
    long committable() {
        var offsets = tracker.committable(null);
        return offsets.containsKey(PARTITION) ? offsets.get(PARTITION).offset() : 0;
    }

    @Override
    public void close() throws Exception {
        inference.stop(true, 10_000);
        loop.shutdownNow();
        cpu.shutdownNow();
        timers.shutdownNow();
    }

    /** Encoded test images under their keys in bucket {@code images}. */
    static Map<String, byte[]> images() {
        return Map.of(
                "ex-in0", PngCodec.encode(RgbImage.filled(64, 48, 200, 40, 60)),
                "ex-out0", PngCodec.encode(RgbImage.filled(64, 48, 255, 255, 255)),
                "q.png", PngCodec.encode(RgbImage.filled(40, 50, 10, 120, 200)));
    }

    /** One event the flow published. */
    record Sent(String topic, String key, byte[] value) {}

    /**
     * An in-memory event producer: records what is sent, refuses a record larger than {@link #MAX_RECORD_BYTES} as
     * Kafka's producer does (key, value and headers plus its framing); a topic may be made to fail permanently, and
     * sends may be held unacknowledged until a future completes.
     */
    static final class FakeProducer implements EventProducer {
        /** Kafka's framing of a one-record batch: 61 bytes of batch header, up to 21 of record header. */
        private static final int FRAMING_BYTES = 82;

        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile String failingTopic;
        volatile CompletableFuture<Void> sendsHeldUntil = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<Void> send(
                JobRecord origin, String topic, String key, byte[] value, Map<String, String> headers) {
            if (topic.equals(failingTopic)) {
                return CompletableFuture.failedFuture(JobFailure.permanent(ErrorCode.INTERNAL, "topic refused"));
            }
            int size = FRAMING_BYTES + key.getBytes(StandardCharsets.UTF_8).length + value.length;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                size += h.getKey().length() + h.getValue().length();
            }
            if (size > MAX_RECORD_BYTES) {
                return CompletableFuture.failedFuture(FailureClassifier.kafkaSend(
                        new RecordTooLargeException("record of " + size + " bytes"), topic));
            }
            return sendsHeldUntil.thenRun(() -> sent.add(new Sent(topic, key, value)));
        }

        List<Sent> to(String topic) {
            return sent.stream().filter(s -> s.topic().equals(topic)).toList();
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** A source that only remembers its sink; {@link #deliver} plays the consumer thread. */
    static final class ManualSource implements JobSource {
        volatile JobSink sink;
        final AtomicInteger pauses = new AtomicInteger();

        @Override
        public void start(JobSink sink) {
            this.sink = sink;
        }

        @Override
        public void pause() {
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {}

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public void requestCommit() {}
    }
}
