package dev.vprompt.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.cli.engine.Converters;
import dev.vprompt.cli.engine.Json;
import dev.vprompt.cli.engine.LayoutChoice;
import dev.vprompt.cli.engine.ModelConfigs;
import dev.vprompt.cli.engine.ModelLoader;
import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelOptions;
import dev.vprompt.engine.model.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vp bench model}: end-to-end inpainting throughput ({@link MaeVqgan#inpaint}: canvas bytes in, pasted canvases
 * and tokens out) at several batch sizes, for a config with random or checkpoint weights.
 *
 * <p>Not thread-safe: picocli runs a command instance once, on the calling thread, which also owns the model.
 */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        sortOptions = false,
        description = {
            "Measures MAE-VQGAN inference throughput (images/s) per batch size on the selected device.",
            "Canvases are random 2x2 canvases (147 of 196 patches kept); each timed call is one batched inpaint().",
            "",
            "  ./vp bench model --config fixture --batch 1,8,32",
            "  ./vp bench model --config vit-l --device gpu:0 --precision FP16 --batch 1,8,32,64 --json",
            ""
        })
public final class BenchModelCommand implements Callable<Integer> {

    /** Seed of the random canvases, fixed so runs see the same inputs. */
    static final long CANVAS_SEED = 20241125L;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            defaultValue = ModelConfigs.VIT_L,
            description = "Architecture: " + ModelConfigs.NAMES + ". Default: ${DEFAULT-VALUE}.")
    String config;

    @Option(names = "--checkpoint", description = "Load these weights instead of random ones (must fit --config).")
    Path checkpoint;

    @Option(
            names = "--batch",
            split = ",",
            defaultValue = "1,8",
            description = "Batch sizes, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(
            names = "--iterations",
            defaultValue = "3",
            description = "Timed calls per batch size. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "1",
            description = "Untimed calls per batch size before timing. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--device",
            defaultValue = ModelOptions.AUTO,
            description = "auto, cpu or gpu:N. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(
            names = "--precision",
            defaultValue = "FP32",
            converter = Converters.PrecisionConverter.class,
            description = "FP32, FP16 or BF16 (GPU only). Default: ${DEFAULT-VALUE}.")
    Precision precision;

    @Option(
            names = "--decode-chunk",
            defaultValue = "" + ModelOptions.DEFAULT_DECODE_CHUNK,
            description = "Images per VQGAN decoder call. Default: ${DEFAULT-VALUE}.")
    int decodeChunk;

    @Option(names = "--threads", description = "libtorch intra-op threads (default: libtorch's own choice).")
    Integer threads;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the random weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        LogLevels.quietEngine();
        validate();
        MaeVqganConfig cfg = ModelConfigs.resolve(config);
        Engine engine = Engine.getEngine("PyTorch");
        if (threads != null) {
            JniUtils.setNumThreads(threads);
        }
        List<Double> loadBefore = LoadAverage.now();
        ModelLoader.Loaded loaded =
                ModelLoader.open(checkpoint, cfg, config, new ModelOptions(device, precision, decodeChunk), seed);
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        try (MaeVqgan model = loaded.model()) {
            report.put("config", config);
            report.put("params", model.parameterCount());
            report.put("weights", loaded.source());
            report.put("device", model.deviceName());
            report.put("precision", precision.name());
            report.put("engine", engine.getEngineName() + " " + engine.getVersion());
            report.put("intra_op_threads", JniUtils.getNumThreads());
            report.put("inter_op_threads", JniUtils.getNumInteropThreads());
            report.put("cpus", Runtime.getRuntime().availableProcessors());
            report.put("decode_chunk", decodeChunk);
            report.put("load_ms", loaded.loadMillis());
            report.put("load_average_before", loadBefore);
            for (int batch : batches) {
                results.add(measure(model, batch));
            }
        }
        report.put("load_average_after", LoadAverage.now());
        report.put("results", results);
        print(report, results);
        return 0;
    }

    private void validate() {
        if (batches.isEmpty() || batches.stream().anyMatch(b -> b == null || b < 1)) {
            throw new ParameterException(spec.commandLine(), "--batch sizes must be positive: " + batches);
        }
        if (iterations < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "need --iterations >= 1 and --warmup >= 0");
        }
        if (decodeChunk < 1 || (threads != null && threads < 1)) {
            throw new ParameterException(spec.commandLine(), "--decode-chunk and --threads must be positive");
        }
    }

    private Map<String, Object> measure(MaeVqgan model, int batch) {
        List<Canvas> canvases = randomCanvases(batch);
        for (int i = 0; i < warmup; i++) {
            model.inpaint(canvases);
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            model.inpaint(canvases);
            nanos[i] = System.nanoTime() - start;
        }
        Timings t = new Timings(nanos);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("batch", batch);
        r.put("iterations", iterations);
        r.put("warmup", warmup);
        r.put("images_per_s", Json.round(t.throughput(batch), 3));
        r.put("ms_per_batch_mean", Json.round(t.meanMillis(), 3));
        r.put("ms_per_batch_min", Json.round(t.minMillis(), 3));
        r.put("ms_per_batch_max", Json.round(t.maxMillis(), 3));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static List<Double> loadList(Object value) {
        return (List<Double>) value;
    }

    /** Distinct random-pixel canvases in the standard 2x2 arrangement (content does not change the work). */
    static List<Canvas> randomCanvases(int n) {
        SplittableRandom random = new SplittableRandom(CANVAS_SEED);
        List<Canvas> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[3 * Canvas.SIZE * Canvas.SIZE];
            for (int p = 0; p < px.length; p++) {
                px[p] = (byte) random.nextInt(256);
            }
            out.add(LayoutChoice.GRID_2X2.canvas(new RgbImage(Canvas.SIZE, Canvas.SIZE, px), Arrangement.STANDARD));
        }
        return out;
    }

    private void print(Map<String, Object> report, List<Map<String, Object>> results) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(Json.line(report));
        } else {
            stdout.printf(
                    Locale.ROOT,
                    "bench model: config %s, %,d parameters, weights %s, device %s, %s, %s, threads intra-op %s"
                            + " inter-op %s (%s CPUs), model load %d ms; load average before %s, after %s%n",
                    config,
                    (Long) report.get("params"),
                    report.get("weights"),
                    report.get("device"),
                    precision,
                    report.get("engine"),
                    report.get("intra_op_threads"),
                    report.get("inter_op_threads"),
                    report.get("cpus"),
                    (Long) report.get("load_ms"),
                    LoadAverage.text(loadList(report.get("load_average_before"))),
                    LoadAverage.text(loadList(report.get("load_average_after"))));
            for (Map<String, Object> r : results) {
                stdout.printf(
                        Locale.ROOT,
                        "  batch %3d: %10.3f images/s  (%.1f ms/batch mean, min %.1f, max %.1f; %d timed after %d"
                                + " warm-up)%n",
                        (Integer) r.get("batch"),
                        (Double) r.get("images_per_s"),
                        (Double) r.get("ms_per_batch_mean"),
                        (Double) r.get("ms_per_batch_min"),
                        (Double) r.get("ms_per_batch_max"),
                        (Integer) r.get("iterations"),
                        (Integer) r.get("warmup"));
            }
        }
        stdout.flush();
    }
}
