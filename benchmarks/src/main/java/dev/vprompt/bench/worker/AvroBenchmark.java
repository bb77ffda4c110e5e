package dev.vprompt.bench.worker;

import dev.vprompt.schemas.BatchInfo;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.StageTimings;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.UsedExample;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.schemas.codec.EventDecodeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worker's Avro work per job through the project's codecs ({@link EventCodecs}): decoding the {@link PromptJob}
 * record it consumes, and encoding the {@link PromptCompleted} event it publishes. The events are those of a cached
 * segmentation job as {@code vp bench pipeline} sends them: one example pair, a query, an output prefix; a success
 * with {@code prediction.png} and {@code mask.png}, the used examples, timings, batch and model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.vprompt.schemas,java.lang,java.util")
public class AvroBenchmark {

    private static final Instant NOW = Instant.ofEpochMilli(1_780_000_000_000L);

    private final EventCodec<PromptJob> jobs = EventCodecs.promptJob();
    private final EventCodec<PromptCompleted> completions = EventCodecs.promptCompleted();
    private byte[] jobBytes;
    private PromptCompleted completed;

    @Setup
    public void setUp() {
        jobBytes = jobs.encode(job());
        completed = completed();
        System.out.printf(
                "%nPromptJob %d bytes, PromptCompleted %d bytes%n",
                jobBytes.length, completions.encode(completed).length);
    }

    private static ObjectRef ref(String bucket, String key) {
        return ObjectRef.newBuilder().setBucket(bucket).setKey(key).build();
    }

    static PromptJob job() {
        return PromptJob.newBuilder()
                .setJobId("bench-00000042-7f3a9c1e")
                .setSubmittedAt(NOW)
                .setTask(Task.SEGMENTATION)
                .setExamples(List.of(ExamplePair.newBuilder()
                        .setInput(ref("images", "demo/example-input.png"))
                        .setOutput(ref("images", "demo/example-mask.png"))
                        .build()))
                .setQuery(ref("images", "demo/query-00042.png"))
                .setLayout(PromptLayout.GRID_2X2)
                .setOutput(OutputLocation.newBuilder()
                        .setBucket("results")
                        .setPrefix("bench")
                        .build())
                .build();
    }

    static PromptCompleted completed() {
        String prefix = "bench/bench-00000042-7f3a9c1e/";
        return PromptCompleted.newBuilder()
                .setJobId("bench-00000042-7f3a9c1e")
                .setStatus(JobStatus.SUCCEEDED)
                .setCompletedAt(NOW.plusMillis(85))
                .setOutputs(List.of(
                        OutputObject.newBuilder()
                                .setKind("prediction")
                                .setRef(ref("results", prefix + "prediction.png"))
                                .setContentType("image/png")
                                .build(),
                        OutputObject.newBuilder()
                                .setKind("mask")
                                .setRef(ref("results", prefix + "mask.png"))
                                .setContentType("image/png")
                                .build()))
                .setScores(Map.of())
                .setTimings(StageTimings.newBuilder()
                        .setQueueMs(3)
                        .setFetchMs(4)
                        .setPrepareMs(5)
                        .setBatchWaitMs(6)
                        .setInferMs(1)
                        .setPublishMs(7)
                        .setTotalMs(26)
                        .build())
                .setBatch(BatchInfo.newBuilder()
                        .setId("worker-1-b-1234")
                        .setSize(8)
                        .build())
                .setModel(ModelInfo.newBuilder()
                        .setId("mae-vqgan")
                        .setSha256("ab".repeat(32))
                        .build())
                .setWorker("worker-1")
                .setExamples(List.of(UsedExample.newBuilder()
                        .setInput(ref("images", "demo/example-input.png"))
                        .setOutput(ref("images", "demo/example-mask.png"))
                        .build()))
                .build();
    }

    @Benchmark
    public PromptJob decodePromptJob() throws EventDecodeException {
        return jobs.decode(jobBytes);
    }

    @Benchmark
    public byte[] encodePromptCompleted() {
        return completions.encode(completed);
    }
}
