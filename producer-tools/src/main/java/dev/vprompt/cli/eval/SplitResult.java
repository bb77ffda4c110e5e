package dev.vprompt.cli.eval;

import dev.vprompt.cli.report.FiniteMean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of one evaluated split (a Pascal-5i fold, a synthetic task, the colorization set).
 *
 * @param split the split's name, e.g. {@code fold0} or {@code color}
 * @param episodes episodes submitted
 * @param succeeded episodes whose job succeeded and was scored
 * @param failed episodes whose job failed or could not be scored (their error codes are printed)
 * @param missing episodes with no completion before the stall timeout
 * @param means metric name to its mean over the scored episodes where it is defined, in the metrics' order (the
 *     official mean over all episodes whenever no value is undefined)
 * @param undefined scored episodes whose first metric is undefined (an IoU of 0/0: neither the truth nor the
 *     prediction has foreground)
 */
public record SplitResult(
        String split, int episodes, int succeeded, int failed, int missing, Map<String, Double> means, int undefined) {

    public SplitResult {
        means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
    }

    /** Aggregates the per-episode scores (metric name to value, NaN where undefined) of the scored episodes. */
    public static SplitResult of(
            String split,
            List<String> metrics,
            int episodes,
            int failed,
            int missing,
            List<Map<String, Double>> scores) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (String m : metrics) {
            means.put(m, FiniteMean.of(scores.stream().mapToDouble(s -> s.getOrDefault(m, Double.NaN))));
        }
        String first = metrics.get(0);
        int undefined = (int) scores.stream()
                .filter(s -> Double.isNaN(s.getOrDefault(first, Double.NaN)))
                .count();
        return new SplitResult(split, episodes, scores.size(), failed, missing, means, undefined);
    }

    /** The mean of {@code metric}; NaN when absent or undefined. */
    public double mean(String metric) {
        return means.getOrDefault(metric, Double.NaN);
    }
}
