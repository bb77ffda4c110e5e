package dev.vprompt.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.client.Completion;
import dev.vprompt.schemas.BatchInfo;
import dev.vprompt.schemas.JobError;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.StageTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    private static final long S = 1_000_000_000L;

    // warm-up [0, 2 s), window [2 s, 12 s)
    private final LoadRun run = new LoadRun(
            new LoadSettings(
                    LoadSettings.Mode.CONCURRENCY,
                    0,
                    4,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5)),
            0);

    static Completion completion(String id, boolean ok, int batch, long receivedNanos) {
        PromptCompleted e = PromptCompleted.newBuilder()
                .setJobId(id)
                .setStatus(ok ? JobStatus.SUCCEEDED : JobStatus.FAILED)
                .setCompletedAt(Instant.EPOCH)
                .setOutputs(List.of())
                .setBox(null)
                .setScores(Map.of())
                .setError(
                        ok
                                ? null
                                : JobError.newBuilder()
                                        .setCode("IMAGE_CORRUPT")
                                        .setMessage("x")
                                        .build())
                .setTimings(new StageTimings(0L, 0L, 0L, 0L, 0L, 0L, 0L))
                .setBatch(new BatchInfo(ok ? "b" : "", ok ? batch : 0))
                .setModel(ModelInfo.newBuilder().setId("m").setSha256("s").build())
                .setWorker("w")
                .setAttributes(Map.of())
                .build();
        return new Completion(e, receivedNanos, Instant.EPOCH);
    }

    @Test
    void shouldMeasureOnlyJobsSubmittedInsideTheWindowWhenWarmupJobsCompleteLate() {
        // Given: one warm-up job, three window jobs, one job after the window
        run.sent("warm", 1 * S);
        run.sent("a", 3 * S);
        run.sent("b", 4 * S);
        run.sent("c", 5 * S);
        run.sent("late", 12 * S);
        // When
        run.completed(completion("warm", true, 8, 3 * S));
        run.completed(completion("a", true, 2, 3 * S + 100_000_000));
        run.completed(completion("b", true, 4, 4 * S + 300_000_000));
        run.completed(completion("c", false, 0, 6 * S));
        run.completed(completion("late", true, 8, 13 * S));
        LoadReport r = run.report();
        // Then
        assertThat(r.submitted()).isEqualTo(3);
        assertThat(r.succeeded()).isEqualTo(2);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.missing()).isZero();
        assertThat(r.failuresByCode()).containsExactly(Map.entry("IMAGE_CORRUPT", 1L));
        assertThat(r.meanBatchSize()).isEqualTo(3.0); // (2 + 4) / 2: only the window's succeeded jobs
        assertThat(r.latencyMs().p50()).isEqualTo(100.0);
        assertThat(r.latencyMs().max()).isEqualTo(300.0);
        // 4 completions arrived inside [2 s, 12 s) (warm, a, b, c), over a 10 s window
        assertThat(r.jobsPerSecond()).isEqualTo(0.4);
    }

    @Test
    void shouldCountJobsWithoutCompletionAsMissingAndIgnoreDuplicatesAndStrangers() {
        // Given
        run.sent("a", 3 * S);
        run.sent("b", 4 * S);
        // When: a completes twice, a foreign job completes, b never does
        run.completed(completion("a", true, 1, 5 * S));
        run.completed(completion("a", true, 1, 6 * S));
        run.completed(completion("someone-else", true, 1, 6 * S));
        LoadReport r = run.report();
        // Then
        assertThat(r.succeeded()).isEqualTo(1);
        assertThat(r.missing()).isEqualTo(1);
        assertThat(run.inFlight()).isEqualTo(1);
        assertThat(r.jobsPerSecond()).isEqualTo(0.1);
    }

    @Test
    void shouldCountSendFailuresAsFailedWhenKafkaRefusedTheJob() {
        // Given
        run.sent("a", 3 * S);
        // When: the producer thread reports a failure, the run thread applies it
        run.sendFailed("a");
        run.applySendFailures();
        LoadReport r = run.report();
        // Then
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failuresByCode()).containsEntry(LoadRun.SEND_FAILED, 1L);
        assertThat(run.inFlight()).isZero();
        assertThat(run.measuredOutstanding()).isZero();
    }

    @Test
    void shouldSerialiseEveryFieldWhenWrittenAsJson() throws Exception {
        // Given
        run.sent("a", 3 * S);
        run.completed(completion("a", true, 3, 3 * S + 50_000_000));
        // When
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.report().toJson());
        // Then
        assertThat(json.get("mode").asText()).isEqualTo("concurrency");
        assertThat(json.get("jobsPerSecond").asDouble()).isEqualTo(0.1);
        assertThat(json.get("latencyMs").get("p99").asDouble()).isEqualTo(50.0);
        assertThat(json.get("meanBatchSize").asDouble()).isEqualTo(3.0);
        assertThat(json.has("failuresByCode")).isTrue();
    }
}
