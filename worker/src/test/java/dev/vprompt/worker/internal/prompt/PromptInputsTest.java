package dev.vprompt.worker.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import org.junit.jupiter.api.Test;

class PromptInputsTest {

    private static PromptJob job(Task task, PromptLayout layout, int pairs, boolean ensemble) {
        return PromptJob.newBuilder(TestJobs.job(task, layout, pairs, "ex-", "q"))
                .setEnsemble(ensemble)
                .setGroundTruth(TestJobs.ref("truth"))
                .build();
    }

    @Test
    void shouldUseThePairsTheCanvasesShowWhenJobsCarryMore() {
        // When / Then
        assertThat(PromptInputs.pairsUsed(job(Task.SEGMENTATION, PromptLayout.AUTO, 3, false)))
                .isEqualTo(1);
        assertThat(PromptInputs.pairsUsed(job(Task.SEGMENTATION, PromptLayout.GRID_2X2, 8, false)))
                .isEqualTo(1);
        assertThat(PromptInputs.pairsUsed(job(Task.IMAGE, PromptLayout.GRID_3X2, 5, false)))
                .isEqualTo(2);
        assertThat(PromptInputs.pairsUsed(job(Task.SEGMENTATION, PromptLayout.AUTO, 4, true)))
                .as("an ensemble builds one canvas per pair")
                .isEqualTo(4);
    }

    @Test
    void shouldUseTheGroundTruthOnlyWhenTheAnswerIsScored() {
        // When / Then
        for (Task scored : new Task[] {Task.SEGMENTATION, Task.DETECTION, Task.COLORIZATION}) {
            assertThat(PromptInputs.groundTruthUsed(job(scored, PromptLayout.AUTO, 1, false)))
                    .as(scored.name())
                    .isTrue();
        }
        for (Task unscored : new Task[] {Task.EDGES, Task.IMAGE}) {
            assertThat(PromptInputs.groundTruthUsed(job(unscored, PromptLayout.AUTO, 1, false)))
                    .as(unscored.name())
                    .isFalse();
        }
        assertThat(PromptInputs.groundTruthUsed(TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 1, "ex-", "q")))
                .as("no ground truth")
                .isFalse();
    }
}
