package dev.vprompt.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vprompt.cli.console.TextTable;
import dev.vprompt.cli.report.FiniteMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation's output: a table with one row per split plus a mean row, and the same as JSON ({@code --json}).
 *
 * <pre>{@code
 * {"dataset": "pascal", "seed": 0, "episodes": 1000, "model": "...", "modelMeaningful": true,
 *  "metrics": ["iou", "color_blind_iou", "accuracy"],
 *  "splits": [{"split": "fold0", "episodes": 1000, "succeeded": 1000, "failed": 0, "missing": 0,
 *              "mean": {"iou": 0.27, "color_blind_iou": 0.31, "accuracy": 0.74}, "undefined": 0}, ...],
 *  "mean": {"iou": 0.27, ...}}
 * }</pre>
 *
 * The top-level {@code mean} is the mean over splits of each split's mean (the paper's number over the four folds).
 * Undefined means are {@code null} in JSON and {@code n/a} in the table. Thread-safe: stateless.
 */
public final class EvalReport {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalReport() {}

    /** The mean over splits of each split's mean of {@code metric}. */
    public static double meanOverSplits(List<SplitResult> results, String metric) {
        return FiniteMean.of(results.stream().mapToDouble(r -> r.mean(metric)));
    }

    public static String table(String dataset, List<String> metrics, List<SplitResult> results) {
        List<String> header = new ArrayList<>(List.of(dataset, "episodes", "succeeded", "failed", "missing"));
        header.addAll(metrics);
        header.add("undefined");
        TextTable t = new TextTable(header.toArray(String[]::new));
        for (SplitResult r : results) {
            List<Object> row =
                    new ArrayList<>(List.of(r.split(), r.episodes(), r.succeeded(), r.failed(), r.missing()));
            metrics.forEach(m -> row.add(number(r.mean(m))));
            row.add(r.undefined());
            t.row(row.toArray());
        }
        if (results.size() > 1) {
            List<Object> row = new ArrayList<>(List.of("mean", "", "", "", ""));
            metrics.forEach(m -> row.add(number(meanOverSplits(results, m))));
            row.add("");
            t.row(row.toArray());
        }
        return t.render();
    }

    public static ObjectNode json(
            String dataset,
            long seed,
            int episodes,
            String model,
            boolean meaningful,
            List<String> metrics,
            List<SplitResult> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", dataset);
        root.put("seed", seed);
        root.put("episodes", episodes);
        root.put("model", model);
        root.put("modelMeaningful", meaningful);
        ArrayNode names = root.putArray("metrics");
        metrics.forEach(names::add);
        ArrayNode splits = root.putArray("splits");
        for (SplitResult r : results) {
            ObjectNode s = splits.addObject();
            s.put("split", r.split());
            s.put("episodes", r.episodes());
            s.put("succeeded", r.succeeded());
            s.put("failed", r.failed());
            s.put("missing", r.missing());
            ObjectNode means = s.putObject("mean");
            metrics.forEach(m -> put(means, m, r.mean(m)));
            s.put("undefined", r.undefined());
        }
        ObjectNode mean = root.putObject("mean");
        metrics.forEach(m -> put(mean, m, meanOverSplits(results, m)));
        return root;
    }

    private static void put(ObjectNode node, String name, double v) {
        if (Double.isFinite(v)) {
            node.put(name, v);
        } else {
            node.putNull(name);
        }
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }
}
