package dev.vprompt.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vprompt.cli.demo.DemoCase;
import dev.vprompt.cli.demo.DemoData;
import dev.vprompt.cli.deployment.StackConnections;
import dev.vprompt.client.Completion;
import dev.vprompt.client.CompletionWatcher;
import dev.vprompt.client.Connection;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobSubmitter;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.client.StartPosition;
import dev.vprompt.embedded.EmbeddedStack;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.config.HttpSettings;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.config.PipelineSettings;
import dev.vprompt.worker.config.S3Permission;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.ModelRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vp bench pipeline}: how much of the model's throughput survives the streaming pipeline, what the pipeline
 * costs per job without a model, and the latency at half of the maximum load. Everything runs in this process: the
 * embedded Kafka and S3, one worker, the load generator.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the worker end to end against the embedded Kafka + S3, in one process:",
            "  1. the raw model's jobs/s at the batch size (the same backend the worker uses, no Kafka, no S3),",
            "  2. the pipeline's jobs/s for a burst of --jobs jobs, and efficiency = (2) / (1),",
            "  3. the worker threads' CPU time per job (with --null-model: the pipeline's own cost),",
            "  4. p50/p99 end-to-end latency at half of the burst throughput, open loop, for --duration.",
            "",
            "Examples:",
            "  ./vp bench pipeline                        # random fixture-sized model, batch 8",
            "  ./vp bench pipeline --null-model --jobs 2000 --json -",
            "  ./vp bench pipeline --null-model --no-example-cache     # every job reads its examples",
            "  ./vp bench pipeline --checkpoint ckpt.pth --batch 16",
            "  ./vp bench pipeline --devices cpu,cpu      # two CPU devices: two inference threads, two models",
            "  ./vp bench pipeline --null-model --workers 2             # two workers in one consumer group",
            "  ./vp bench pipeline --null-model --delivery exactly-once  # the cost of Kafka transactions"
        })
public final class PipelineBenchCommand implements Callable<Integer> {

    static final int MAX_WORKERS = 16;
    static final int PARTITIONS_PER_WORKER = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--jobs",
            defaultValue = "200",
            description = "jobs in the throughput burst (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(
            names = "--warmup-jobs",
            defaultValue = "1000",
            description = "jobs run before anything is measured, so the JIT has compiled the per-job code as in a"
                    + " long-running worker (default ${DEFAULT-VALUE}; at least 2 batches are always run)")
    int warmupJobs;

    @Option(names = "--batch", defaultValue = "8", description = "worker maxBatchSize (default ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--max-delay",
            defaultValue = "25",
            description = "worker maxBatchDelay in ms (default ${DEFAULT-VALUE})")
    int maxDelayMs;

    @Option(
            names = "--duration",
            defaultValue = "20",
            description = "seconds of the half-load latency phase (default ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(
            names = "--example-cache",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "let the worker cache the shared example pair (the images bucket is declared write-once, "
                    + "as the CLI's content-addressed uploads are); --no-example-cache reads it for every job")
    boolean exampleCache = true;

    @Option(
            names = "--prediction-image",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "the worker publishes prediction.png (the whole pasted canvas) besides mask.png; "
                    + "--no-prediction-image measures a worker configured with pipeline.publishPrediction: false")
    boolean predictionImage = true;

    @Option(
            names = "--devices",
            split = ",",
            defaultValue = "auto",
            description = "the worker's model.devices, one inference thread and model copy each, e.g. cpu,cpu "
                    + "(default ${DEFAULT-VALUE}); the raw model phase runs on the first")
    List<String> devices;

    @Option(
            names = "--workers",
            defaultValue = "1",
            description = "workers in this process, one consumer group against the one broker and S3 server, each with"
                    + " its own event loop, pools, S3 client, producer and model (default ${DEFAULT-VALUE}); the jobs"
                    + " topic gets 3 partitions per worker. Shows how the pipeline scales with cores")
    int workers;

    @Option(names = "--null-model", description = "serve the null model (returns the canvas): the pipeline's own cost")
    boolean nullModel;

    @Option(names = "--checkpoint", description = "official checkpoint (.pth or .safetensors); default: random model")
    Path checkpoint;

    @Option(names = "--config", description = "architecture JSON for --checkpoint (default: official ViT-L)")
    Path config;

    @Option(
            names = "--delivery",
            paramLabel = "MODE",
            defaultValue = KafkaSettings.DEFAULT_DELIVERY,
            description = "the worker's kafka.delivery: at-least-once (default) or exactly-once (completion events "
                    + "and consumed offsets committed together in Kafka transactions, read back read_committed)")
    String delivery;

    @Option(
            names = "--commit-interval",
            paramLabel = "DURATION",
            description = "the worker's kafka.commitInterval (default: the delivery's, 500ms at least once, 100ms"
                    + " exactly once, where it is how long finished jobs' events wait to be seen)")
    Duration commitInterval;

    @Option(
            names = "--s3-client",
            paramLabel = "CLIENT",
            defaultValue = S3Settings.DEFAULT_CLIENT,
            description = "the worker's s3.client: vertx (default: S3 over the Vert.x HTTP client) or minio (the MinIO"
                    + " SDK)")
    String s3Client;

    @Option(names = "--json", description = "also write the figures as JSON to FILE, or - for stdout")
    String json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String deliveryProblem = KafkaSettings.deliveryProblem("--delivery", delivery);
        if (deliveryProblem != null) {
            throw new ParameterException(spec.commandLine(), deliveryProblem);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new ParameterException(
                    spec.commandLine(), "--workers must be 1 to " + MAX_WORKERS + ", got " + workers);
        }
        ModelSettings model = ModelSettings.builder()
                .path(checkpoint == null ? ModelSettings.RANDOM : checkpoint.toString())
                .config(config == null ? null : config.toString())
                .nullModel(nullModel)
                .devices(devices)
                .build();
        Map<String, Object> report = new LinkedHashMap<>();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            String id = Long.toHexString(System.nanoTime());
            Connection conn = StackConnections.of(stack.endpoints())
                    .withTopics("bench-jobs-" + id, "bench-completions-" + id, "bench-dlq-" + id)
                    .withBuckets("bench-images-" + id, "bench-results-" + id);
            stack.createTopics(
                    PARTITIONS_PER_WORKER * workers, conn.jobsTopic(), conn.completionsTopic(), conn.deadLetterTopic());
            stack.createBuckets(conn.imagesBucket(), conn.resultsBucket());
            DemoCase demo = DemoData.cases(1, 0).get(0); // a segmentation case: photo, mask, query
            RgbImage photo = demo.examples().get(0)[0];
            RgbImage mask = demo.examples().get(0)[1];
            RgbImage query = demo.query();
            ImageUploader uploader;
            ExamplePair pair;
            ObjectRef queryRef;
            try (var s3 = conn.s3()) {
                uploader = ImageUploader.of(s3.client(), conn);
                pair = JobTemplate.pair(
                        uploader.upload(PngCodec.encode(photo), "png"), uploader.upload(PngCodec.encode(mask), "png"));
                queryRef = uploader.upload(PngCodec.encode(query), "png");
            }
            WorkerConfig cfg = workerConfig(conn, model, 0);
            report.put(
                    "machine",
                    Map.of(
                            "cpus",
                            Runtime.getRuntime().availableProcessors(),
                            "loadAverage",
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage()));
            report.put("workers", workers);
            report.put("delivery", delivery);
            report.put("s3Client", cfg.s3().client());
            report.put("commitIntervalMs", cfg.kafka().commitInterval().toMillis());
            report.put("batch", batch);
            report.put("warmupJobs", warmupCount());
            report.put("devices", devices);
            report.put("exampleCache", exampleCache);
            report.put("predictionImage", predictionImage);
            report.put(
                    "model",
                    nullModel ? "null" : checkpoint == null ? "random (fixture-sized)" : checkpoint.toString());

            if (!nullModel) {
                err.println("measuring the raw model at batch " + batch + " ...");
                Canvas canvas = new CanvasBuilder().grid2x2(photo, mask, query, null);
                report.put("rawModelJobsPerSec", rawModel(model, canvas));
            }
            try (WorkerGroup group = WorkerGroup.start(workers, i -> i == 0 ? cfg : workerConfig(conn, model, i))) {
                JobTemplate template = JobTemplate.defaults(conn.resultsBucket());
                err.println("warm-up of " + warmupCount() + " jobs, then a burst of " + jobs + " jobs ...");
                WorkerCpuMeter cpu = new WorkerCpuMeter(WorkerCpuMeter.WORKER_THREADS);
                warmUp(conn, template, pair, queryRef);
                cpu.start();
                double busy0 = group.deviceBusySeconds();
                long finished0 = group.jobsFinished();
                long wall0 = System.nanoTime();
                Phase burst = burst(conn, template, pair, queryRef, jobs);
                // the share of the burst an inference thread spent in the model (mean over the workers): below 1,
                // it waited for work
                report.put(
                        "inferenceBusyDuringBurst",
                        (group.deviceBusySeconds() - busy0) / workers / ((System.nanoTime() - wall0) / 1e9));
                Map<String, Long> cpuByThread = cpu.byGroup();
                Map<String, Long> kernelByThread = cpu.kernelByGroup();
                // above --jobs when a rebalance made a worker redo jobs another had started (at least once)
                report.put("jobsFinishedDuringBurst", group.jobsFinished() - finished0);
                long cpuNanos =
                        cpuByThread.values().stream().mapToLong(Long::longValue).sum();
                report.put("workerCpuMsPerJobByThread", msPerJob(cpuByThread, jobs));
                report.put("workerKernelMsPerJobByThread", msPerJob(kernelByThread, jobs));
                report.put("pipelineJobsPerSec", burst.jobsPerSec());
                report.put("meanBatchSize", burst.meanBatch());
                report.put("workerCpuMsPerJob", cpuNanos / 1e6 / jobs);
                if (report.get("rawModelJobsPerSec") instanceof Double raw) {
                    report.put("efficiency", burst.jobsPerSec() / raw);
                }
                double rate = burst.jobsPerSec() / 2;
                err.printf("open loop at %.1f jobs/s for %d s ...%n", rate, durationSeconds);
                Phase half = openLoop(conn, template, pair, queryRef, rate, Duration.ofSeconds(durationSeconds));
                report.put("halfLoadRatePerSec", rate);
                report.put("halfLoadP50Ms", half.percentileMs(50));
                report.put("halfLoadP99Ms", half.percentileMs(99));
                report.put("halfLoadJobs", half.latenciesNanos().size());
            }
        }
        report.forEach((k, v) -> out.printf("%-22s %s%n", k, v instanceof Double d ? String.format("%.3f", d) : v));
        if (json != null) {
            String text = new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report);
            if (json.equals("-")) {
                out.println(text);
            } else {
                Files.writeString(Path.of(json), text);
            }
        }
        out.flush();
        return 0;
    }

    /** Nanoseconds by thread group as milliseconds per job. */
    private static Map<String, Double> msPerJob(Map<String, Long> nanosByGroup, int jobs) {
        Map<String, Double> out = new LinkedHashMap<>();
        nanosByGroup.forEach((group, nanos) -> out.put(group, nanos / 1e6 / jobs));
        return out;
    }

    /**
     * Worker {@code index} of this benchmark on {@code conn}'s topics and buckets, with the flags applied; all share
     * one consumer group.
     */
    WorkerConfig workerConfig(Connection conn, ModelSettings model, int index) {
        return WorkerConfig.builder()
                .workerId(index == 0 ? "bench-worker" : "bench-worker-" + (index + 1))
                .kafka(KafkaSettings.builder()
                        .bootstrapServers(conn.bootstrap())
                        .topics(conn.jobsTopic(), conn.completionsTopic(), conn.deadLetterTopic())
                        .groupId("bench-" + conn.jobsTopic())
                        .delivery(delivery)
                        .commitInterval(commitInterval)
                        .build())
                .s3(S3Settings.builder()
                        .endpoint(conn.s3Endpoint().toString())
                        .credentials(conn.s3AccessKey(), conn.s3SecretKey())
                        .region(conn.region())
                        .read(List.of(S3Permission.bucket(conn.imagesBucket())))
                        .write(List.of(S3Permission.bucket(conn.resultsBucket())))
                        .immutableBuckets(exampleCache ? Set.of(conn.imagesBucket()) : Set.of())
                        .client(s3Client)
                        .build())
                .pipeline(PipelineSettings.builder()
                        .maxInFlight(Math.max(64, 4 * batch))
                        .publishPrediction(predictionImage)
                        .build())
                .batch(BatchSettings.builder()
                        .maxBatchSize(batch)
                        .maxBatchDelay(Duration.ofMillis(maxDelayMs))
                        .queueCapacity(Math.max(1024, 8 * batch))
                        .build())
                .model(model)
                .http(HttpSettings.builder().port(HttpSettings.DISABLED).build())
                .build();
    }

    /** Jobs/s of the worker's own backend at the batch size, before any job runs. */
    private double rawModel(ModelSettings model, Canvas canvas) throws Exception {
        ModelRuntime runtime = ModelRuntime.create(model, null);
        try (InferenceBackend backend = runtime.backend(runtime.devices().get(0))) {
            List<Canvas> batchOf = Collections.nCopies(batch, canvas);
            backend.infer(batchOf);
            int iterations = Math.max(2, jobs / batch / 4);
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                backend.infer(batchOf);
            }
            return (double) iterations * batch / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Jobs run before measuring: {@code --warmup-jobs}, at least two batches. */
    private int warmupCount() {
        return Math.max(2 * batch, warmupJobs);
    }

    private void warmUp(Connection conn, JobTemplate t, ExamplePair pair, ObjectRef query) {
        burst(conn, t, pair, query, warmupCount());
    }

    private Phase burst(Connection conn, JobTemplate t, ExamplePair pair, ObjectRef query, int n) {
        try (CompletionWatcher watcher = CompletionWatcher.open(conn, StartPosition.end());
                JobSubmitter submitter = JobSubmitter.open(conn)) {
            List<PromptJob> batchOfJobs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batchOfJobs.add(t.job(JobSubmitter.newJobId("bench"), List.of(pair), query, null, Instant.now()));
            }
            long t0 = System.nanoTime();
            List<String> ids = submitter.submitAll(batchOfJobs);
            List<Integer> sizes = new ArrayList<>();
            var result = watcher.awaitJobs(
                    ids,
                    Duration.ofMinutes(30),
                    c -> sizes.add(c.event().getBatch().getSize()));
            long wall = result.completions().stream()
                            .mapToLong(Completion::receivedNanos)
                            .max()
                            .orElse(t0)
                    - t0;
            double meanBatch =
                    sizes.stream().mapToInt(Integer::intValue).average().orElse(0);
            return new Phase(n / (wall / 1e9), meanBatch, List.of());
        }
    }

    private Phase openLoop(
            Connection conn, JobTemplate t, ExamplePair pair, ObjectRef query, double rate, Duration duration) {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        try (CompletionWatcher watcher = CompletionWatcher.open(conn, StartPosition.end());
                JobSubmitter submitter = JobSubmitter.open(conn)) {
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            Thread producer = new Thread(
                    () -> {
                        long interval = (long) (1e9 / rate);
                        long next = System.nanoTime();
                        long end = next + duration.toNanos();
                        while (next < end) {
                            LockSupport.parkNanos(next - System.nanoTime());
                            PromptJob job =
                                    t.job(JobSubmitter.newJobId("half"), List.of(pair), query, null, Instant.now());
                            sent.put(job.getJobId(), System.nanoTime());
                            ids.add(job.getJobId());
                            submitter.send(job);
                            next += interval;
                        }
                        submitter.flush();
                    },
                    "bench-open-loop");
            List<Long> latencies = new ArrayList<>();
            producer.start();
            long deadline = System.nanoTime() + duration.toNanos() + TimeUnit.MINUTES.toNanos(5);
            while ((producer.isAlive() || latencies.size() < ids.size()) && System.nanoTime() < deadline) {
                for (Completion c : watcher.poll(Duration.ofMillis(200))) {
                    Long s = sent.get(c.jobId());
                    if (s != null) {
                        latencies.add(c.receivedNanos() - s);
                    }
                }
            }
            return new Phase(0, 0, latencies);
        }
    }

    /** Results of one measured phase. */
    record Phase(double jobsPerSec, double meanBatch, List<Long> latenciesNanos) {
        double percentileMs(double p) {
            if (latenciesNanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
        }
    }
}
