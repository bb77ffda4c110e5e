package dev.vprompt.worker.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.post.AnswerFusion;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What k pairs and the ensemble flag become. */
class PromptPlanTest {

    private static PromptJob job(Task task, PromptLayout layout, int pairs, boolean ensemble) {
        return PromptJob.newBuilder(TestJobs.job(task, layout, pairs, "ex-", "q"))
                .setEnsemble(ensemble)
                .build();
    }

    @Test
    void shouldPickTheSyntheticCanvasWhenAnAutoImageJobHasTwoPairs() {
        // When
        PromptPlan plan = PromptPlan.of(job(Task.IMAGE, PromptLayout.AUTO, 2, false));

        // Then
        assertThat(plan.layout()).isEqualTo(PromptLayout.GRID_3X2);
        assertThat(plan.canvasCount()).isEqualTo(1);
        assertThat(plan.fused()).isFalse();
    }

    @Test
    void shouldFuseOneCanvasPerPairWhenASegmentationJobHasSeveralPairs() {
        // When: two pairs of segmentation (not the synthetic layout) and three of an image task
        PromptPlan two = PromptPlan.of(job(Task.SEGMENTATION, PromptLayout.AUTO, 2, false));
        PromptPlan three = PromptPlan.of(job(Task.IMAGE, PromptLayout.AUTO, 3, false));

        // Then
        assertThat(two.layout()).isEqualTo(PromptLayout.GRID_2X2);
        assertThat(two.arrangements()).containsExactly(Arrangement.STANDARD);
        assertThat(two.canvasCount()).isEqualTo(2);
        assertThat(two.fusion()).isEqualTo(AnswerFusion.Rule.MASK_THRESHOLD);
        assertThat(three.canvasCount()).isEqualTo(3);
        assertThat(three.fusion()).isEqualTo(AnswerFusion.Rule.ROUNDED_MEAN);
    }

    @Test
    void shouldRunEightArrangementsPerPairWhenTheJobIsAnEnsemble() {
        // When
        PromptPlan one = PromptPlan.of(job(Task.SEGMENTATION, PromptLayout.GRID_2X2, 1, true));
        PromptPlan imageTwo = PromptPlan.of(job(Task.IMAGE, PromptLayout.AUTO, 2, true));

        // Then: an ensemble is never the 3x2 canvas
        assertThat(one.arrangements()).containsExactlyElementsOf(Arrangement.PROMPT_SELF);
        assertThat(one.canvasCount()).isEqualTo(8);
        assertThat(imageTwo.layout()).isEqualTo(PromptLayout.GRID_2X2);
        assertThat(imageTwo.canvasCount()).isEqualTo(16);
    }

    @Test
    void shouldCountThePoolsKWhenTheJobNamesAPool() {
        // Given
        PromptJob pool = PromptJob.newBuilder(job(Task.EDGES, PromptLayout.AUTO, 0, false))
                .setExamples(new ArrayList<>())
                .setExamplePool(TestJobs.ref("pool.json"))
                .setK(3)
                .build();

        // When
        PromptPlan plan = PromptPlan.of(pool);

        // Then
        assertThat(plan.pairs()).isEqualTo(3);
        assertThat(plan.canvasCount()).isEqualTo(3);
        assertThat(plan.fusion()).isEqualTo(AnswerFusion.Rule.EDGE_ANY_CHANNEL);
        assertThat(List.of(plan.layout())).containsExactly(PromptLayout.GRID_2X2);
    }
}
