package dev.vprompt.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.scenes.ProceduralScenes;
import dev.vprompt.training.scenes.SyntheticEpisodes;
import dev.vprompt.training.scenes.SyntheticPairs;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeldOutTest {

    private static final HeldOut DEFAULTS = HeldOut.defaults();

    @Test
    void shouldReserveEveryPairOfEveryOfficialEpisodeWhenSeedsAreZeroToNine() {
        for (int seed = 0; seed < HeldOut.DEFAULT_SEEDS; seed++) {
            for (SyntheticTask task : SyntheticTask.values()) {
                // Given: the episodes vp eval --dataset synthetic --seed <seed> scores
                List<SyntheticEpisodes.Draw> episodes = SyntheticEpisodes.draws(task, HeldOut.DEFAULT_EPISODES, seed);
                // When / Then
                for (SyntheticEpisodes.Draw d : episodes) {
                    assertThat(DEFAULTS.reserves(d.query()))
                            .as("query of %s seed %d", task, seed)
                            .isTrue();
                    d.supports().forEach(s -> assertThat(DEFAULTS.reserves(s)).isTrue());
                }
            }
        }
    }

    @Test
    void shouldNotReserveGeometriesOutsideTheEpisodesWhenAskedAboutAnUnusedOne() {
        // Given: a geometry no episode of seeds 0-9 draws (radius 49 at the corner, checked below)
        SyntheticPairs.Geometry g = new SyntheticPairs.Geometry(SyntheticTask.COLOR, 10, 10, 10);
        boolean drawn = false;
        for (int seed = 0; seed < HeldOut.DEFAULT_SEEDS; seed++) {
            for (SyntheticTask task : SyntheticTask.values()) {
                for (SyntheticEpisodes.Draw d : SyntheticEpisodes.draws(task, HeldOut.DEFAULT_EPISODES, seed)) {
                    drawn |= d.query().cx() == 10
                            && d.query().cy() == 10
                            && d.query().radius() == 10;
                }
            }
        }
        // When / Then
        assertThat(DEFAULTS.reserves(g)).isEqualTo(drawn);
    }

    @Test
    void shouldDrawAgainWhenTheOfficialTaskHitsAHeldOutGeometry() {
        // Given: a generator whose first draw is exactly the first query of seed 0's COLOR episodes
        SyntheticEpisodes.Draw first =
                SyntheticEpisodes.draws(SyntheticTask.COLOR, 1, 0).get(0);
        RiggedRandom rnd = new RiggedRandom(
                first.query().cx() - 10, first.query().cy() - 10, first.query().radius() - 10);
        OfficialTask task = taskFor(SyntheticTask.COLOR);

        // When
        RgbImage[] pair = task.pair(rnd);

        // Then: the held-out pair was drawn (the rigged values were consumed) but not returned
        assertThat(rnd.rigged()).isEmpty();
        assertThat(pair[0].pixels()).isNotEqualTo(SyntheticPairs.render(first.query())[0].pixels());
    }

    @Test
    void shouldDrawAnotherSceneWhenTheFirstIsAHeldOutPicture() {
        // Given: the scene a segmentation task draws first from a seeded generator, held out
        SceneTask probe = new SceneTask(Family.SEGMENT, new SplittableRandom(5), HeldOut.officialSynthetic(0, 0));
        RgbImage firstPhoto = probe.pair(new SplittableRandom(9))[0];
        HeldOut heldOut = HeldOut.officialSynthetic(0, 0).withPictures(List.of(firstPhoto));
        SceneTask task = new SceneTask(Family.SEGMENT, new SplittableRandom(5), heldOut);

        // When
        RgbImage[] pair = task.pair(new SplittableRandom(9));

        // Then
        assertThat(heldOut.reserves(firstPhoto)).isTrue();
        assertThat(pair[0].pixels()).isNotEqualTo(firstPhoto.pixels());
        assertThat(pair[0].width()).isBetween(80, 320);
    }

    @Test
    void shouldTellPicturesApartWhenOnePixelDiffers() {
        // Given
        RgbImage a = ProceduralScenes.render(90, 90, 3, false, new SplittableRandom(1))
                .photo();
        byte[] px = a.pixels().clone();
        px[px.length / 2] ^= 1;
        RgbImage b = new RgbImage(90, 90, px);

        // When
        HeldOut h = HeldOut.officialSynthetic(0, 0).withPictures(List.of(a));

        // Then
        assertThat(h.reserves(a)).isTrue();
        assertThat(h.reserves(b)).isFalse();
    }

    private static OfficialTask taskFor(SyntheticTask wanted) {
        for (long s = 0; ; s++) {
            OfficialTask t = new OfficialTask(new SplittableRandom(s), DEFAULTS);
            if (t.task() == wanted) {
                return new OfficialTask(new SplittableRandom(s), DEFAULTS);
            }
        }
    }

    /** A generator whose first {@code nextInt(bound)} calls return the given values, then a seeded stream's. */
    private static final class RiggedRandom extends java.util.Random {
        private final Deque<Integer> rigged = new ArrayDeque<>();

        RiggedRandom(int... values) {
            super(3);
            for (int v : values) {
                rigged.add(v);
            }
        }

        Deque<Integer> rigged() {
            return rigged;
        }

        @Override
        public int nextInt(int bound) {
            return rigged.isEmpty() ? super.nextInt(bound) : rigged.poll();
        }
    }
}
