package dev.vprompt.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vprompt.cli.client.TextTable;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation's output: a table per split with a mean row, and the same as JSON ({@code --json}).
 *
 * <pre>{@code
 * {"dataset": "pascal", "seed": 0, "episodes": 1000, "model": "...", "modelMeaningful": true,
 *  "splits": [{"split": "fold0", "episodes": 1000, "succeeded": 1000, "failed": 0, "missing": 0,
 *              "meanIou": 0.27, "meanColorBlindIou": 0.31, "meanAccuracy": 0.74, "undefinedIou": 0}, ...],
 *  "meanIou": 0.27}
 * }</pre>
 *
 * Undefined means are {@code null} in JSON and {@code n/a} in the table. Thread-safe: stateless.
 */
public final class EvalReport {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalReport() {}

    /** The mean over splits of each split's mean IoU (the paper's number over the four folds). */
    public static double meanIou(List<SplitResult> results) {
        return SplitResult.mean(
                results.stream().mapToDouble(SplitResult::meanIou).toArray());
    }

    public static String table(String dataset, List<SplitResult> results) {
        TextTable t = new TextTable(
                dataset,
                "episodes",
                "succeeded",
                "failed",
                "missing",
                "mIoU",
                "colour-blind IoU",
                "accuracy",
                "IoU n/a");
        for (SplitResult r : results) {
            t.row(
                    r.split(),
                    r.episodes(),
                    r.succeeded(),
                    r.failed(),
                    r.missing(),
                    number(r.meanIou()),
                    number(r.meanColorBlindIou()),
                    number(r.meanAccuracy()),
                    r.undefinedIou());
        }
        if (results.size() > 1) {
            t.row(
                    "mean",
                    "",
                    "",
                    "",
                    "",
                    number(meanIou(results)),
                    number(SplitResult.mean(results.stream()
                            .mapToDouble(SplitResult::meanColorBlindIou)
                            .toArray())),
                    number(SplitResult.mean(results.stream()
                            .mapToDouble(SplitResult::meanAccuracy)
                            .toArray())),
                    "");
        }
        return t.render();
    }

    public static ObjectNode json(
            String dataset, long seed, int episodes, String model, boolean meaningful, List<SplitResult> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", dataset);
        root.put("seed", seed);
        root.put("episodes", episodes);
        root.put("model", model);
        root.put("modelMeaningful", meaningful);
        ArrayNode splits = root.putArray("splits");
        for (SplitResult r : results) {
            ObjectNode s = splits.addObject();
            s.put("split", r.split());
            s.put("episodes", r.episodes());
            s.put("succeeded", r.succeeded());
            s.put("failed", r.failed());
            s.put("missing", r.missing());
            put(s, "meanIou", r.meanIou());
            put(s, "meanColorBlindIou", r.meanColorBlindIou());
            put(s, "meanAccuracy", r.meanAccuracy());
            s.put("undefinedIou", r.undefinedIou());
        }
        put(root, "meanIou", meanIou(results));
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
