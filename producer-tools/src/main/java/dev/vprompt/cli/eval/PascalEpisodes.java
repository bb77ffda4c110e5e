package dev.vprompt.cli.eval;

import dev.vprompt.training.scenes.NumpyRandomState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples one-shot segmentation episodes the way the official Pascal-5i evaluation does
 * ({@code evaluate/pascal_dataloader.py} with {@code np.random.seed(seed)} set once): episode {@code i} queries the
 * {@code i mod n}-th entry of the fold's val list, and its support is drawn with
 * {@code np.random.choice(images_of_class, 1, replace=False)} among the val images of the query's class, again while
 * it equals the query. With {@link NumpyRandomState} the episodes are the official ones.
 *
 * <p>Thread-safe: stateless.
 */
public final class PascalEpisodes {

    /**
     * One episode.
     *
     * @param index episode number, 0-based
     * @param query the query image and the class to segment
     * @param support the support image, of the same class
     */
    public record Episode(int index, PascalEntry query, String support) {}

    private PascalEpisodes() {}

    /** {@code episodes} episodes over the fold's entries {@code meta}, from a fresh generator seeded {@code seed}. */
    public static List<Episode> sample(List<PascalEntry> meta, int episodes, long seed) {
        if (meta.isEmpty()) {
            throw new EvalDataException("the split list is empty");
        }
        Map<Integer, List<String>> byClass = new LinkedHashMap<>();
        for (PascalEntry e : meta) {
            byClass.computeIfAbsent(e.classId(), k -> new ArrayList<>()).add(e.name());
        }
        NumpyRandomState rnd = new NumpyRandomState(seed);
        List<Episode> out = new ArrayList<>(episodes);
        for (int i = 0; i < episodes; i++) {
            PascalEntry query = meta.get(i % meta.size());
            List<String> candidates = byClass.get(query.classId());
            if (candidates.stream().allMatch(query.name()::equals)) {
                throw new EvalDataException("class " + (query.classId() + 1) + " has no image other than "
                        + query.name() + " to serve as support");
            }
            String support;
            do {
                support = candidates.get(rnd.choiceWithoutReplacement(candidates.size()));
            } while (support.equals(query.name()));
            out.add(new Episode(i, query, support));
        }
        return out;
    }
}
