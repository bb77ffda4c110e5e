package dev.vprompt.engine.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Picks a query's examples from a pool: the {@code k} entries whose input embeddings have the highest cosine
 * similarity to the query's, best first, never the query itself. An entry is the query when its input is the query's
 * object, or when its embedding is identical to the query's (similarity above {@link #IDENTICAL}: the same picture
 * under another name). Ties go to the lower index, so the choice is deterministic. UnsupPR's top-1 with the served
 * model's own features, generalised to {@code k}.
 *
 * <p>Thread-safe: stateless.
 */
public final class NearestExamples {

    /** Similarity above which an entry counts as the query itself. */
    public static final double IDENTICAL = 1 - 1e-6;

    /** One chosen entry. */
    public record Match(int index, ExamplePool.Entry entry, double similarity) {}

    private NearestExamples() {}

    /**
     * @param queryRef where the query is stored, to skip its own entry; null when unknown
     * @return at most {@code k} matches, most similar first (fewer when the pool has fewer usable entries)
     */
    public static List<Match> top(ExamplePool pool, float[] query, ExampleRef queryRef, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        Comparator<Match> worstFirst =
                Comparator.comparingDouble(Match::similarity).thenComparing(Match::index, Comparator.reverseOrder());
        PriorityQueue<Match> best = new PriorityQueue<>(worstFirst);
        for (int i = 0; i < pool.size(); i++) {
            ExamplePool.Entry e = pool.entries().get(i);
            if (queryRef != null && e.input().sameObject(queryRef)) {
                continue;
            }
            double s = pool.similarity(i, query);
            if (s > IDENTICAL) {
                continue;
            }
            best.add(new Match(i, e, s));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Match> out = new ArrayList<>(best);
        out.sort(worstFirst.reversed());
        return out;
    }
}
