package dev.vprompt.training.scenes;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic reasoning episodes as the official {@code evaluate_reasoning.py} draws them (numpy's generator seeded
 * once per task): episode {@code i} draws its query pair, then for each of the two supports an (unused) dataset index
 * and the support pair. {@code vp eval --dataset synthetic} evaluates exactly these; the training data holds their
 * geometries out.
 *
 * <p>Thread-safe: stateless.
 */
public final class SyntheticEpisodes {

    /** Size of the official synthetic datasets ({@code __len__}), the range of the support index draw. */
    public static final int DATASET_LENGTH = 100;
    /** Example pairs per episode (the 3x2 canvas's first two rows). */
    public static final int SUPPORTS = 2;

    /** One episode's geometries: the query pair's and the supports', in canvas order. */
    public record Draw(SyntheticPairs.Geometry query, List<SyntheticPairs.Geometry> supports) {}

    /** One episode's pictures. */
    public record Episode(List<RgbImage[]> supports, RgbImage query, RgbImage truth) {}

    private SyntheticEpisodes() {}

    /** The geometries of the first {@code count} episodes of {@code task} with numpy seed {@code seed}. */
    public static List<Draw> draws(SyntheticTask task, int count, long seed) {
        return draws(task, count, seed, SUPPORTS);
    }

    /**
     * As {@link #draws(SyntheticTask, int, long)} with {@code supportCount} supports per episode, each drawn as the
     * official loop draws its two (an unused dataset index, then the pair): with 2 these are the official episodes.
     */
    public static List<Draw> draws(SyntheticTask task, int count, long seed, int supportCount) {
        NumpyRandomState rnd = new NumpyRandomState(seed);
        List<Draw> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SyntheticPairs.Geometry query = SyntheticPairs.draw(task, rnd::randint);
            List<SyntheticPairs.Geometry> supports = new ArrayList<>(supportCount);
            for (int k = 0; k < supportCount; k++) {
                rnd.randint(0, DATASET_LENGTH);
                supports.add(SyntheticPairs.draw(task, rnd::randint));
            }
            out.add(new Draw(query, supports));
        }
        return out;
    }

    /** The pictures of the first {@code count} episodes of {@code task} with numpy seed {@code seed}. */
    public static List<Episode> sample(SyntheticTask task, int count, long seed) {
        return sample(task, count, seed, SUPPORTS);
    }

    /** As {@link #sample(SyntheticTask, int, long)} with {@code supportCount} supports per episode. */
    public static List<Episode> sample(SyntheticTask task, int count, long seed, int supportCount) {
        List<Episode> out = new ArrayList<>(count);
        for (Draw d : draws(task, count, seed, supportCount)) {
            RgbImage[] query = SyntheticPairs.render(d.query());
            List<RgbImage[]> supports = new ArrayList<>(supportCount);
            for (SyntheticPairs.Geometry g : d.supports()) {
                supports.add(SyntheticPairs.render(g));
            }
            out.add(new Episode(supports, query[0], query[1]));
        }
        return out;
    }
}
