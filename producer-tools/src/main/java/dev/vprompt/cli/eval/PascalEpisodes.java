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
     * @param supports the support images, of the same class, all different from the query and from each other
     */
    public record Episode(int index, PascalEntry query, List<String> supports) {

        public Episode {
            supports = List.copyOf(supports);
        }

        /** The first support: the official episode's only one. */
        public String support() {
            return supports.get(0);
        }
    }

    private PascalEpisodes() {}

    /** {@code episodes} episodes over the fold's entries {@code meta}, from a fresh generator seeded {@code seed}. */
    public static List<Episode> sample(List<PascalEntry> meta, int episodes, long seed) {
        return sample(meta, episodes, seed, 1);
    }

    /**
     * As {@link #sample(List, int, long)} with {@code supports} supports per episode: each drawn as the official code
     * draws its one support (again while it equals the query or an earlier support), so one support gives the
     * official episodes.
     */
    public static List<Episode> sample(List<PascalEntry> meta, int episodes, long seed, int supports) {
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
            long others = candidates.stream()
                    .filter(c -> !c.equals(query.name()))
                    .distinct()
                    .count();
            if (others < supports) {
                throw new EvalDataException("class " + (query.classId() + 1) + " has " + others + " images other than "
                        + query.name() + ", " + supports + " needed as supports");
            }
            List<String> chosen = new ArrayList<>(supports);
            while (chosen.size() < supports) {
                String support;
                do {
                    support = candidates.get(rnd.choiceWithoutReplacement(candidates.size()));
                } while (support.equals(query.name()) || chosen.contains(support));
                chosen.add(support);
            }
            out.add(new Episode(i, query, chosen));
        }
        return out;
    }
}
