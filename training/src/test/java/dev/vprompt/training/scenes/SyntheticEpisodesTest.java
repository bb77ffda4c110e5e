package dev.vprompt.training.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.score.SyntheticTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticEpisodesTest {

    @Test
    void shouldDrawTheOfficialEpisodesWhenSeededWithZero() {
        // When: numpy's seed 0, task color (values from running the official generator)
        List<SyntheticEpisodes.Draw> draws = SyntheticEpisodes.draws(SyntheticTask.COLOR, 2, 0);

        // Then
        SyntheticEpisodes.Draw first = draws.get(0);
        assertThat(first.query()).isEqualTo(new SyntheticPairs.Geometry(SyntheticTask.COLOR, 182, 57, 10));
        assertThat(first.supports())
                .containsExactly(
                        new SyntheticPairs.Geometry(SyntheticTask.COLOR, 205, 113, 19),
                        new SyntheticPairs.Geometry(SyntheticTask.COLOR, 31, 46, 33));
        assertThat(draws.get(1).query()).isEqualTo(new SyntheticPairs.Geometry(SyntheticTask.COLOR, 80, 98, 22));
    }

    @Test
    void shouldRenderTheDrawnGeometriesWhenSampling() {
        // When
        SyntheticEpisodes.Episode e =
                SyntheticEpisodes.sample(SyntheticTask.SIZE, 1, 3).get(0);
        SyntheticEpisodes.Draw d =
                SyntheticEpisodes.draws(SyntheticTask.SIZE, 1, 3).get(0);

        // Then
        assertThat(e.query().pixels()).isEqualTo(SyntheticPairs.render(d.query())[0].pixels());
        assertThat(e.truth().pixels()).isEqualTo(SyntheticPairs.render(d.query())[1].pixels());
        assertThat(e.supports()).hasSize(SyntheticEpisodes.SUPPORTS);
    }
}
