package dev.vprompt.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JSON-lines manifest, one job per line (blank lines and lines starting with {@code #} are skipped):
 *
 * <pre>{@code
 * {"query": "q/1.png", "examples": [{"input": "ex/a.png", "output": "ex/a_mask.png"}], "groundTruth": "q/1_mask.png"}
 * {"jobId": "job-2", "task": "SEGMENTATION", "layout": "GRID_3X2", "priority": 5, "attributes": {"batch": "7"},
 *  "query": "s3://vp-images/q/2.png", "examples": [...]}
 * }</pre>
 *
 * Image values are paths relative to the manifest's folder, or {@code s3://bucket/key} of objects already stored.
 * Every line is checked (fields, enum values, files exist) before anything is uploaded.
 *
 * <p>Thread-safe (the mapper is configured once and only read).
 */
public final class ManifestReader {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** One manifest line as written. */
    record Line(
            String jobId,
            String task,
            List<Map<String, String>> examples,
            String query,
            String groundTruth,
            String layout,
            Boolean ensemble,
            Integer priority,
            Map<String, String> attributes) {}

    private ManifestReader() {}

    /**
     * @throws JobInputException naming the file and line of the first problem
     */
    public static List<LocalJob> read(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            throw new JobInputException("manifest does not exist: " + manifest);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest);
        } catch (IOException e) {
            throw new JobInputException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<LocalJob> jobs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).trim();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            jobs.add(parse(text, base, manifest.getFileName() + ":" + (i + 1)));
        }
        if (jobs.isEmpty()) {
            throw new JobInputException("manifest " + manifest + " has no jobs");
        }
        return jobs;
    }

    static LocalJob parse(String text, Path base, String where) {
        Line l;
        try {
            l = JSON.readValue(text, Line.class);
        } catch (JsonProcessingException e) {
            throw new JobInputException(where + ": " + e.getOriginalMessage());
        }
        if (l.query() == null) {
            throw new JobInputException(where + ": \"query\" is required");
        }
        if (l.examples() == null || l.examples().isEmpty()) {
            throw new JobInputException(where + ": \"examples\" needs at least one {\"input\":..., \"output\":...}");
        }
        if (l.examples().size() > FolderInputs.MAX_EXAMPLES) {
            throw new JobInputException(where + ": at most " + FolderInputs.MAX_EXAMPLES + " examples per job");
        }
        List<LocalJob.Pair> pairs = new ArrayList<>();
        for (Map<String, String> e : l.examples()) {
            pairs.add(new LocalJob.Pair(
                    ImageSource.parse(e.get("input"), base, where + " example input"),
                    ImageSource.parse(e.get("output"), base, where + " example output")));
        }
        ImageSource query = ImageSource.parse(l.query(), base, where + " query");
        return new LocalJob(
                l.jobId(),
                nameOf(l.query()),
                l.task() == null ? null : parseEnum(Task.class, l.task(), where + " task"),
                pairs,
                query,
                l.groundTruth() == null ? null : ImageSource.parse(l.groundTruth(), base, where + " groundTruth"),
                l.layout() == null ? null : parseEnum(PromptLayout.class, l.layout(), where + " layout"),
                l.ensemble(),
                l.priority(),
                l.attributes());
    }

    private static String nameOf(String value) {
        String last = value.substring(value.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot <= 0 ? last : last.substring(0, dot);
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new JobInputException(
                    where + ": '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
