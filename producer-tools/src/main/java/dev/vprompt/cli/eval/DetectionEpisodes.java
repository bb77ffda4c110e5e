package dev.vprompt.cli.eval;

import dev.vprompt.training.scenes.NumpyRandomState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Samples single-object detection episodes the way the official evaluation does
 * ({@code evaluate_detection/canvas_ds.py} with {@code np.random.seed(seed)} set once): query {@code i} is the
 * {@code i}-th image of the filtered val split; its class is {@code np.random.choice} among its objects' labels (no
 * draw when there is one); the support is the first image of the filtered train split, in the order of a fresh
 * {@code np.random.shuffle} of all train indices, that shows the class, or the last image of that order when none
 * does (the official loop ends there). With {@link NumpyRandomState} the episodes are the official ones.
 *
 * <p>Thread-safe: stateless.
 */
public final class DetectionEpisodes {

    /**
     * One episode.
     *
     * @param index episode number, 0-based
     * @param query the query image
     * @param support the support image
     * @param classId the class to detect
     */
    public record Episode(int index, VocImage query, VocImage support, int classId) {}

    private DetectionEpisodes() {}

    /** The first {@code episodes} episodes over {@code val} queries and {@code train} supports. */
    public static List<Episode> sample(List<VocImage> val, List<VocImage> train, int episodes, long seed) {
        return sample(val, train, episodes, seed, i -> i);
    }

    /**
     * Like {@link #sample(List, List, int, long)}, but looking items up as the released dataset does: item {@code i}
     * of either split is the image {@code lookup(i)} ({@link FlattenedSet#imageIndex}).
     */
    public static List<Episode> sample(
            List<VocImage> val, List<VocImage> train, int episodes, long seed, IntUnaryOperator lookup) {
        if (train.isEmpty()) {
            throw new EvalDataException("the train split keeps no image to serve as support");
        }
        if (episodes > val.size()) {
            throw new EvalDataException(
                    "--episodes " + episodes + " exceeds the " + val.size() + " val images the filter keeps");
        }
        // every episode scans the train split; list its labels once, not once per candidate
        List<List<Integer>> trainLabels = train.stream().map(VocImage::labels).toList();
        NumpyRandomState rnd = new NumpyRandomState(seed);
        List<Episode> out = new ArrayList<>(episodes);
        for (int i = 0; i < episodes; i++) {
            VocImage query = item(val, lookup.applyAsInt(i), "val");
            List<Integer> labels = query.labels();
            if (labels.isEmpty()) {
                throw new EvalDataException("query " + query.name() + " has no annotated object");
            }
            int label = labels.get(labels.size() == 1 ? 0 : rnd.randint(0, labels.size()));
            int[] order = rnd.permutation(train.size());
            VocImage support = null;
            for (int j : order) {
                int index = lookup.applyAsInt(j);
                support = item(train, index, "train");
                if (trainLabels.get(index).contains(label)) {
                    break;
                }
            }
            out.add(new Episode(i, query, support, label));
        }
        return out;
    }

    private static VocImage item(List<VocImage> split, int index, String name) {
        if (index >= split.size()) {
            throw new EvalDataException(
                    "image " + index + " of the filtered " + name + " split was asked for; it keeps " + split.size()
                            + " (is the flattened set the one for this data set?)");
        }
        return split.get(index);
    }
}
