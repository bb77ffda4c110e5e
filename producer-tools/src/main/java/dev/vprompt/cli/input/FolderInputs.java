package dev.vprompt.cli.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads jobs from two folders, one job per query, every job with all the example pairs:
 *
 * <pre>
 * examples/input/cat.png     examples/output/cat.png     a pair: same file name (extension may differ)
 * examples/input/dog.jpg     examples/output/dog.png
 * queries/input/q1.png       queries/output/q1.png       a query and (optional) its ground truth
 * queries/input/q2.png
 * </pre>
 *
 * A queries folder without an {@code input/} subfolder may hold the query images directly. Images are {@code .png},
 * {@code .jpg} or {@code .jpeg}; everything else is ignored; order is by file name.
 *
 * <p>Thread-safe (stateless).
 */
public final class FolderInputs {

    /** The worker accepts at most this many example pairs per job. */
    public static final int MAX_EXAMPLES = 8;

    private FolderInputs() {}

    /**
     * @throws JobInputException when a folder is missing, an example input has no output, or nothing is found
     */
    public static List<LocalJob> read(Path examples, Path queries) {
        List<LocalJob.Pair> pairs = examplePairs(examples);
        requireDirectory(queries, "queries");
        Path queryInputs = Files.isDirectory(queries.resolve("input")) ? queries.resolve("input") : queries;
        Map<String, Path> truths =
                Files.isDirectory(queries.resolve("output")) ? byStem(images(queries.resolve("output"))) : Map.of();
        List<LocalJob> jobs = new ArrayList<>();
        for (Path q : images(queryInputs)) {
            String stem = stem(q);
            Path truth = truths.get(stem);
            jobs.add(new LocalJob(
                    null,
                    stem,
                    null,
                    pairs,
                    new ImageSource.Local(q),
                    truth == null ? null : new ImageSource.Local(truth),
                    null,
                    null,
                    null,
                    Map.of("query", q.getFileName().toString())));
        }
        if (jobs.isEmpty()) {
            throw new JobInputException("no query images (.png, .jpg) in " + queryInputs);
        }
        return jobs;
    }

    /**
     * The example pairs of an {@code examples/} folder.
     *
     * @throws JobInputException when the layout is not {@code input/} + {@code output/} with matching names
     */
    public static List<LocalJob.Pair> examplePairs(Path examples) {
        requireDirectory(examples, "examples");
        Path in = examples.resolve("input");
        Path out = examples.resolve("output");
        if (!Files.isDirectory(in) || !Files.isDirectory(out)) {
            throw new JobInputException("examples folder " + examples
                    + " must contain input/ and output/ subfolders (examples/input/cat.png + examples/output/cat.png)");
        }
        Map<String, Path> outputs = byStem(images(out));
        List<LocalJob.Pair> pairs = new ArrayList<>();
        for (Path i : images(in)) {
            Path o = outputs.get(stem(i));
            if (o == null) {
                throw new JobInputException("example " + i + " has no output " + out.resolve(stem(i) + ".png"));
            }
            pairs.add(new LocalJob.Pair(new ImageSource.Local(i), new ImageSource.Local(o)));
        }
        if (pairs.isEmpty()) {
            throw new JobInputException("no example images (.png, .jpg) in " + in);
        }
        if (pairs.size() > MAX_EXAMPLES) {
            throw new JobInputException(
                    pairs.size() + " example pairs in " + examples + "; a job takes at most " + MAX_EXAMPLES);
        }
        return pairs;
    }

    private static void requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new JobInputException(what + " folder does not exist: " + dir);
        }
    }

    static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(FolderInputs::isImage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new JobInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static Map<String, Path> byStem(List<Path> files) {
        Map<String, Path> m = new LinkedHashMap<>();
        files.forEach(f -> m.putIfAbsent(stem(f), f));
        return m;
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? n : n.substring(0, dot);
    }
}
