package dev.vprompt.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.demo.DemoCommand;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.data.HeldOut;
import dev.vprompt.training.scenes.SyntheticEpisodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingHeldOutTest {

    /** Built once: rendering 512 demo jobs takes seconds. */
    private static final HeldOut HELD_OUT = TrainingHeldOut.build();

    @Test
    void shouldHoldOutEveryPictureOfTheDemoWhenBuildingTheTrainingSet() {
        // Given: what vp train keeps out, and every picture of a default vp demo run
        HeldOut heldOut = HELD_OUT;
        List<RgbImage> demo = TrainingHeldOut.demoPictures(DemoCommand.DEFAULT_JOBS, DemoCommand.DEFAULT_SEED);

        // When / Then
        assertThat(demo).isNotEmpty();
        for (RgbImage picture : demo) {
            assertThat(heldOut.reserves(picture)).isTrue();
        }
        assertThat(heldOut.describe()).contains("numpy seeds 0-9");
    }

    @Test
    void shouldHoldOutTheEpisodesVpEvalScoresWhenTheSeedIsTheOfficialOne() {
        // Given: the synthetic episodes vp eval draws with its default seed
        HeldOut heldOut = HELD_OUT;

        // When / Then: every pair of every episode (query and supports) is reserved
        for (SyntheticTask task : SyntheticTask.values()) {
            for (SyntheticEpisodes.Draw d : SyntheticEpisodes.draws(task, 100, 0)) {
                assertThat(heldOut.reserves(d.query())).isTrue();
                assertThat(d.supports()).allMatch(heldOut::reserves);
            }
        }
    }
}
