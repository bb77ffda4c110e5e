package dev.vprompt.cli.bench;

import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.cli.engine.CliFailure;
import dev.vprompt.cli.engine.Json;
import dev.vprompt.cli.engine.ModelConfigs;
import dev.vprompt.engine.checkpoint.Checkpoints;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TorchCheckpointWriter;
import dev.vprompt.engine.model.MaeVqganConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vp bench checkpoint}: writes a random checkpoint of a model size in the official layout and measures how fast
 * the engine loads it ({@link Checkpoints#load}, then reading every byte of every tensor and checking a checksum):
 * cold (after dropping the page cache, when permitted) and warm.
 *
 * <p>Not thread-safe: picocli runs a command instance once, on the calling thread.
 */
@Command(
        name = "checkpoint",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        sortOptions = false,
        description = {
            "Measures checkpoint load speed (MB/s) on a random checkpoint written in the official layout.",
            "The file is a torch zip whose 'model' entry holds every tensor of the official file (VQGAN encoder",
            "included). A load is the engine's read plus touching every byte (checksum-verified): once cold, after",
            "dropping the page cache of the whole machine (needs root, else skipped), then warm. The file is",
            "deleted afterwards unless --keep.",
            "",
            "  ./vp bench checkpoint --params vit-l --dir /data/tmp",
            ""
        })
public final class BenchCheckpointCommand implements Callable<Integer> {

    /** Seed of the random tensor data. */
    static final long DATA_SEED = 20241125L;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--params",
            defaultValue = ModelConfigs.VIT_L,
            description = "Model size: " + ModelConfigs.NAMES + ". Default: ${DEFAULT-VALUE} (about 1.5 GiB).")
    String params;

    @Option(names = "--dir", description = "Folder for the checkpoint file. Default: the system temporary folder.")
    Path dir;

    @Option(names = "--keep", description = "Keep the checkpoint file and print its path.")
    boolean keep;

    @Option(
            names = "--warm-runs",
            defaultValue = "3",
            description = "Timed loads with the file in the page cache. Default: ${DEFAULT-VALUE}.")
    int warmRuns;

    @Option(
            names = "--cold",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Measure one load after dropping the page cache (--no-cold to skip). Default: on.")
    boolean cold;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        LogLevels.quietEngine();
        if (warmRuns < 0) {
            throw new ParameterException(spec.commandLine(), "--warm-runs must be >= 0");
        }
        MaeVqganConfig cfg = ModelConfigs.resolve(params);
        Map<String, long[]> shapes = OfficialLayout.shapes(cfg);
        StateDict model = RandomStateDict.of(shapes, DATA_SEED);
        long bytes = RandomStateDict.bytes(model);
        long expected = RandomStateDict.checksum(model);
        Path folder = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(folder);
        Path file = Files.createTempFile(folder, "mae-vqgan-" + params.replaceAll("[^A-Za-z0-9-]", "_") + "-", ".pth");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("params", params);
        report.put("tensors", model.size());
        report.put("parameters", OfficialLayout.parameters(shapes));
        report.put("tensor_bytes", bytes);
        report.put("load_average_before", LoadAverage.now());
        try {
            report.put("write", write(file, model));
            report.put("file_bytes", Files.size(file));
            model = null; // the random pool can go before the timed reads
            report.put("cold", coldRun(file, bytes, expected));
            List<Map<String, Object>> warm = new ArrayList<>();
            for (int i = 0; i < warmRuns; i++) {
                warm.add(measure(file, bytes, expected));
            }
            report.put("warm", warm);
        } finally {
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
        report.put("load_average_after", LoadAverage.now());
        report.put("file", keep ? file.toString() : null);
        print(report);
        return 0;
    }

    private static Map<String, Object> write(Path file, StateDict model) throws IOException {
        long start = System.nanoTime();
        TorchCheckpointWriter.create()
                .prefix("checkpoint-1000")
                .model(model)
                .epoch(1000)
                .args(Map.of("model", "mae_vit_large_patch16"))
                .write(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("seconds", Json.round(seconds, 3));
        w.put("mb_per_s", Json.round(Files.size(file) / 1e6 / seconds, 1));
        return w;
    }

    private Map<String, Object> coldRun(Path file, long bytes, long expected) {
        if (!cold) {
            return Map.of("skipped", "--no-cold");
        }
        Optional<String> skipped = PageCache.dropAll();
        if (skipped.isPresent()) {
            return Map.of("skipped", skipped.get());
        }
        return measure(file, bytes, expected);
    }

    /** One load: engine read plus a checksum over every tensor byte; fails when the checksum differs. */
    private static Map<String, Object> measure(Path file, long bytes, long expected) {
        long start = System.nanoTime();
        StateDict read = Checkpoints.load(file);
        double readSeconds = (System.nanoTime() - start) / 1e9;
        long sum = RandomStateDict.checksum(read);
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        if (sum != expected || RandomStateDict.bytes(read) != bytes) {
            throw new CliFailure("checkpoint " + file + " read back differently from what was written (checksum " + sum
                    + ", expected " + expected + ")");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read_s", Json.round(readSeconds, 4));
        m.put("total_s", Json.round(totalSeconds, 4));
        m.put("mb_per_s", Json.round(bytes / 1e6 / totalSeconds, 1));
        return m;
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> report) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(Json.line(report));
            stdout.flush();
            return;
        }
        Map<String, Object> write = (Map<String, Object>) report.get("write");
        stdout.printf(
                Locale.ROOT,
                "bench checkpoint: %s, %d tensors, %,d parameters, %.1f MiB file; write %.0f MB/s (incl. fsync);"
                        + " load average before %s, after %s%n",
                params,
                (Integer) report.get("tensors"),
                (Long) report.get("parameters"),
                (Long) report.get("file_bytes") / (1024.0 * 1024.0),
                (Double) write.get("mb_per_s"),
                LoadAverage.text((List<Double>) report.get("load_average_before")),
                LoadAverage.text((List<Double>) report.get("load_average_after")));
        printRun(stdout, "cold", (Map<String, Object>) report.get("cold"));
        List<Map<String, Object>> warm = (List<Map<String, Object>>) report.get("warm");
        for (int i = 0; i < warm.size(); i++) {
            printRun(stdout, "warm " + (i + 1), warm.get(i));
        }
        if (report.get("file") != null) {
            stdout.println("  kept " + report.get("file"));
        }
        stdout.flush();
    }

    private static void printRun(PrintWriter out, String label, Map<String, Object> run) {
        if (run.containsKey("skipped")) {
            out.printf("  %-7s skipped: %s%n", label + ":", run.get("skipped"));
            return;
        }
        out.printf(
                Locale.ROOT,
                "  %-7s %8.1f MB/s  (read %.3f s + touch every byte = %.3f s, checksum ok)%n",
                label + ":",
                (Double) run.get("mb_per_s"),
                (Double) run.get("read_s"),
                (Double) run.get("total_s"));
    }
}
