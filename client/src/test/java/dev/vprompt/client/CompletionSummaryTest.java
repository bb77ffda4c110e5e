package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.BatchInfo;
import dev.vprompt.schemas.JobError;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.StageTimings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionSummaryTest {

    static PromptCompleted event(String code, long inferMs, int batch, Map<String, Double> scores) {
        return PromptCompleted.newBuilder()
                .setJobId("j")
                .setStatus(code == null ? JobStatus.SUCCEEDED : JobStatus.FAILED)
                .setCompletedAt(Instant.EPOCH)
                .setOutputs(List.of())
                .setBox(null)
                .setScores(scores)
                .setError(code == null ? null : new JobError(code, "m"))
                .setTimings(new StageTimings(1L, 2L, 3L, 4L, inferMs, 6L, 100L))
                .setBatch(new BatchInfo("b", batch))
                .setModel(ModelInfo.newBuilder().setId("m").setSha256("s").build())
                .setWorker("w")
                .setAttributes(Map.of())
                .build();
    }

    @Test
    void shouldCountFailuresByCodeAndAverageOnlySucceededJobsWhenOutcomesAreMixed() {
        // Given
        List<PromptCompleted> events = List.of(
                event(null, 10, 4, Map.of("iou", 0.5)),
                event(null, 30, 2, Map.of("iou", 0.7)),
                event("IMAGE_CORRUPT", 0, 0, Map.of()),
                event("IMAGE_CORRUPT", 0, 0, Map.of()),
                event("OBJECT_NOT_FOUND", 0, 0, Map.of()));
        // When
        CompletionSummary s = CompletionSummary.of(events, 1);
        // Then
        assertThat(s.succeeded()).isEqualTo(2);
        assertThat(s.failuresByCode()).isEqualTo(Map.of("IMAGE_CORRUPT", 2, "OBJECT_NOT_FOUND", 1));
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.total()).isEqualTo(6);
        assertThat(s.meanStageMs()).containsEntry("infer", 20.0).containsEntry("total", 100.0);
        assertThat(s.meanBatchSize()).isEqualTo(3.0);
        assertThat(s.meanScores().get("iou")).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldOmitTimingsWhenNothingSucceeded() {
        // Given
        CompletionSummary s = CompletionSummary.of(List.of(event("INVALID_JOB", 0, 0, Map.of())), 0);
        // When / Then
        assertThat(s.meanStageMs()).isEmpty();
        assertThat(s.meanBatchSize()).isZero();
        assertThat(s.failed()).isEqualTo(1);
    }
}
