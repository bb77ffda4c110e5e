package dev.vprompt.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine-readable summary of a demo run ({@code --summary-json}):
 *
 * <pre>{@code
 * {"jobs": 24, "byStatus": {"SUCCEEDED": 24}, "wallSeconds": 31.2, "jobsPerSecond": 0.77,
 *  "meanBatchSize": 5.1, "batchSizeHistogram": {"4": 8, "8": 16},
 *  "meanScores": {"segmentation": {"iou": 0.12, ...}, ...}, "meanTimingsMs": {"infer": 2100.0, ...},
 *  "model": "...", "modelMeaningful": false, "report": "/abs/path/index.html"}
 * }</pre>
 *
 * NaN means (no finite value) are written as {@code null}. Thread-safe: stateless.
 */
public final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

    /** The summary as a JSON tree. */
    public static ObjectNode toJson(RunSummary s, Path report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("jobs", s.jobs());
        ObjectNode status = root.putObject("byStatus");
        s.byStatus().forEach(status::put);
        root.put("wallSeconds", s.wallSeconds());
        root.put("jobsPerSecond", s.jobsPerSecond());
        root.put("meanBatchSize", s.meanBatchSize());
        ObjectNode hist = root.putObject("batchSizeHistogram");
        s.batchSizeHistogram().forEach((size, n) -> hist.put(String.valueOf(size), n));
        ObjectNode scores = root.putObject("meanScores");
        s.meanScores().forEach((label, m) -> putNumbers(scores.putObject(label), m));
        putNumbers(root.putObject("meanTimingsMs"), s.meanTimingsMs());
        root.put("model", s.model());
        root.put("modelMeaningful", s.modelMeaningful());
        if (report != null) {
            root.put("report", report.toAbsolutePath().toString());
        }
        return root;
    }

    /** Writes {@link #toJson} to {@code file}, creating parent folders. */
    public static void write(RunSummary s, Path report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toJson(s, report));
    }

    private static void putNumbers(ObjectNode node, Map<String, Double> values) {
        values.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                node.put(k, v);
            } else {
                node.putNull(k);
            }
        });
    }
}
