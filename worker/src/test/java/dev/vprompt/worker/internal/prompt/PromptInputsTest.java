package dev.vprompt.worker.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptInputsTest {

    private static PromptJob job(Task task, PromptLayout layout, int pairs, boolean ensemble) {
        return PromptJob.newBuilder(TestJobs.job(task, layout, pairs, "ex-", "q"))
                .setEnsemble(ensemble)
                .setGroundTruth(TestJobs.ref("truth"))
                .build();
    }

    @Test
    void shouldUseEveryPairWhenThePlanPutsEachOnACanvas() {
        // Given: a 2x2 job with three pairs (an example fusion), an ensemble of two, the 3x2 canvas
        List<PromptJob> jobs = List.of(
                job(Task.SEGMENTATION, PromptLayout.AUTO, 3, false),
                job(Task.SEGMENTATION, PromptLayout.GRID_2X2, 2, true),
                job(Task.IMAGE, PromptLayout.GRID_3X2, 2, false));
        for (PromptJob job : jobs) {
            // When / Then: as many pairs are read as the plan shows
            assertThat(PromptInputs.pairsUsed(job)).isEqualTo(PromptPlan.of(job).pairs());
        }
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
