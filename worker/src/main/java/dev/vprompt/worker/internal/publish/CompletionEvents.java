package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.BatchInfo;
import dev.vprompt.schemas.JobError;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.internal.job.JobTimings;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Builds {@link PromptCompleted} events. Stateless and thread-safe. */
public final class CompletionEvents {

    private final String workerId;
    private final ModelInfo model;
    private final Clock clock;

    public CompletionEvents(String workerId, ModelIdentity model, Clock clock) {
        this.workerId = workerId;
        this.model = ModelInfo.newBuilder()
                .setId(model.id())
                .setName(model.name())
                .setCheckpointSha256(model.sha256())
                // version-1 readers only have this field: the hash when there is a file, else the name, as before
                .setSha256(model.sha256() != null ? model.sha256() : model.name())
                .build();
        this.clock = clock;
    }

    public PromptCompleted succeeded(
            String jobId,
            List<OutputObject> outputs,
            RenderedResult result,
            JobTimings timings,
            String batchId,
            int batchSize,
            Map<String, String> attributes) {
        return PromptCompleted.newBuilder()
                .setJobId(jobId)
                .setStatus(JobStatus.SUCCEEDED)
                .setCompletedAt(clock.instant())
                .setOutputs(outputs)
                .setBox(result.box())
                .setScores(result.scores())
                .setError(null)
                .setTimings(timings.toEvent())
                .setBatch(
                        BatchInfo.newBuilder().setId(batchId).setSize(batchSize).build())
                .setModel(model)
                .setWorker(workerId)
                .setAttributes(attributes)
                .setExamples(result.examples())
                .setExamplePoolVersion(result.examplePoolVersion())
                .build();
    }

    public PromptCompleted failed(
            String jobId, String code, String message, JobTimings timings, Map<String, String> attributes) {
        return PromptCompleted.newBuilder()
                .setJobId(jobId)
                .setStatus(JobStatus.FAILED)
                .setCompletedAt(clock.instant())
                .setOutputs(List.of())
                .setBox(null)
                .setScores(Map.of())
                .setError(
                        JobError.newBuilder().setCode(code).setMessage(message).build())
                .setTimings(timings.toEvent())
                .setBatch(BatchInfo.newBuilder().setId("").setSize(0).build())
                .setModel(model)
                .setWorker(workerId)
                .setAttributes(attributes)
                .build();
    }
}
