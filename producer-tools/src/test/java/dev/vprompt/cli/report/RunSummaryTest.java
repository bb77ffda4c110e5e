package dev.vprompt.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void shouldCountStatusesAndThroughputWhenSomeJobsFailedOrNeverCompleted() {
        // Given
        List<JobEntry> jobs = List.of(
                entry("a", "SUCCEEDED", 4, 0.5),
                entry("b", "SUCCEEDED", 4, Double.NaN),
                entry("c", "FAILED", 0, Double.NaN),
                entry("d", JobEntry.NO_COMPLETION, 0, Double.NaN));
        // When
        RunSummary s = RunSummary.of(jobs, 2.0, "m", false);
        // Then
        assertThat(s.byStatus()).containsEntry("SUCCEEDED", 2).containsEntry("FAILED", 1);
        assertThat(s.byStatus()).containsEntry(JobEntry.NO_COMPLETION, 1);
        assertThat(s.jobsPerSecond()).isCloseTo(1.5, within(1e-9));
        assertThat(s.meanScores().get("segmentation")).containsEntry("iou", 0.5);
    }

    @Test
    void shouldCountEachBatchOnceWhenAveragingBatchSizes() {
        // Given: one batch of 4 (four jobs) and two batches of 1
        List<JobEntry> jobs = List.of(
                entry("a", "SUCCEEDED", 4, 1),
                entry("b", "SUCCEEDED", 4, 1),
                entry("c", "SUCCEEDED", 4, 1),
                entry("d", "SUCCEEDED", 4, 1),
                entry("e", "SUCCEEDED", 1, 1),
                entry("f", "SUCCEEDED", 1, 1));
        // When
        RunSummary s = RunSummary.of(jobs, 1.0, "m", true);
        // Then
        assertThat(s.batchSizeHistogram()).containsExactly(Map.entry(1, 2), Map.entry(4, 4));
        assertThat(s.meanBatchSize()).isCloseTo(2.0, within(1e-9));
    }

    private static JobEntry entry(String id, String status, int batch, double iou) {
        return new JobEntry(
                id, "segmentation", status, null, Map.of(), Map.of("iou", iou), Map.of("inferMs", 10L), batch);
    }
}
