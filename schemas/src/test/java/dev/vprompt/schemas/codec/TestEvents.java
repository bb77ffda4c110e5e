package dev.vprompt.schemas.codec;

import dev.vprompt.schemas.BatchInfo;
import dev.vprompt.schemas.Box;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.JobError;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Example events for tests: every optional field set ("full") or left at its default ("minimal"). */
final class TestEvents {

    static final Instant SUBMITTED = Instant.ofEpochMilli(1_700_000_000_123L);

    private TestEvents() {}

    static ObjectRef ref(String key) {
        return ObjectRef.newBuilder().setBucket("images").setKey(key).build();
    }

    static PromptJob minimalPromptJob() {
        return PromptJob.newBuilder()
                .setJobId("job-1")
                .setSubmittedAt(SUBMITTED)
                .setTask(Task.SEGMENTATION)
                .setQuery(ref("query.png"))
                .setOutput(OutputLocation.newBuilder()
                        .setBucket("results")
                        .setPrefix("run-1")
                        .build())
                .build();
    }

    static PromptJob fullPromptJob() {
        return PromptJob.newBuilder(minimalPromptJob())
                .setJobId("job-ü-2") // non-ASCII to exercise UTF-8
                .setTask(Task.DETECTION)
                .setExamples(List.of(
                        ExamplePair.newBuilder()
                                .setInput(ref("in-1.png"))
                                .setOutput(ref("out-1.png"))
                                .build(),
                        ExamplePair.newBuilder()
                                .setInput(ObjectRef.newBuilder(ref("in-2.png"))
                                        .setVersionId("v7")
                                        .build())
                                .setOutput(ref("out-2.png"))
                                .build()))
                .setLayout(PromptLayout.GRID_3X2)
                .setEnsemble(true)
                .setModel("mae-vqgan-ft")
                .setPriority(-3)
                .setDeadline(SUBMITTED.plusSeconds(30))
                .setGroundTruth(ref("truth.png"))
                .setAttributes(Map.of("dataset", "pascal-5i", "fold", "0"))
                .setExamplePool(ref("pools/a/pool.json"))
                .setK(3)
                .build();
    }

    static PromptCompleted minimalCompleted() {
        return PromptCompleted.newBuilder()
                .setJobId("job-1")
                .setStatus(JobStatus.SUCCEEDED)
                .setCompletedAt(SUBMITTED.plusMillis(850))
                .setTimings(StageTimings.newBuilder()
                        .setQueueMs(1)
                        .setFetchMs(2)
                        .setPrepareMs(3)
                        .setBatchWaitMs(4)
                        .setInferMs(5)
                        .setPublishMs(6)
                        .setTotalMs(21)
                        .build())
                .setBatch(BatchInfo.newBuilder().setId("b-9").setSize(4).build())
                .setModel(ModelInfo.newBuilder()
                        .setId("mae-vqgan")
                        .setSha256("ab".repeat(32))
                        .build())
                .setWorker("worker-a")
                .build();
    }

    static PromptCompleted fullCompleted() {
        return PromptCompleted.newBuilder(minimalCompleted())
                .setStatus(JobStatus.FAILED)
                .setOutputs(List.of(OutputObject.newBuilder()
                        .setKind("mask")
                        .setRef(ref("run-1/job-1/mask.png"))
                        .setContentType("image/png")
                        .build()))
                .setBox(Box.newBuilder()
                        .setX(3)
                        .setY(4)
                        .setWidth(100)
                        .setHeight(50)
                        .build())
                .setScores(Map.of("iou", 0.8125, "confidence", -0.0))
                .setError(JobError.newBuilder()
                        .setCode("IMAGE_NOT_FOUND")
                        .setMessage("no such key")
                        .build())
                .setModel(ModelInfo.newBuilder()
                        .setId("mae-vqgan")
                        .setSha256("cd".repeat(32))
                        .setName("checkpoint-1000.pth")
                        .setCheckpointSha256("cd".repeat(32))
                        .build())
                .setAttributes(Map.of("dataset", "pascal-5i"))
                .setExamples(List.of(UsedExample.newBuilder()
                        .setInput(ref("pool/in-4.png"))
                        .setOutput(ref("pool/out-4.png"))
                        .setSimilarity(0.875)
                        .build()))
                .setExamplePoolVersion("20261206T100000Z-abc")
                .build();
    }

    static DeadLetter minimalDeadLetter() {
        return DeadLetter.newBuilder()
                .setTopic("vprompt.jobs")
                .setPartition(3)
                .setOffset(1L << 40)
                .setErrorCode("MALFORMED")
                .setErrorMessage("body does not parse")
                .setAttempts(1)
                .setFailedAt(SUBMITTED.plusSeconds(1))
                .setWorker("worker-b")
                .build();
    }

    static DeadLetter fullDeadLetter() {
        return DeadLetter.newBuilder(minimalDeadLetter())
                .setOriginalKey(bytes("job-1"))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0, -1}))
                .setHeaders(Map.of("traceparent", bytes("00-abc-01"), "empty", ByteBuffer.allocate(0)))
                .build();
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
