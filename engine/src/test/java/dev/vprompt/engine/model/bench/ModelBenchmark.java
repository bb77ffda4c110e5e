package dev.vprompt.engine.model.bench;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.checkpoint.TorchCheckpoint;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of {@link MaeVqgan#inpaint} (images/s) at batch 1, 8 and 32: the fixture's tiny architecture (from its
 * checkpoint when {@code vprompt.fixtures} is set) and a ViT-B-sized model with random weights. Not a test; run by hand:
 *
 * <pre>java -cp ... dev.vprompt.engine.model.bench.ModelBenchmark [maxSecondsPerPoint] [batches...]</pre>
 *
 * Each point: one warm-up call, then timed calls until {@code maxSecondsPerPoint} (default 60) or 5 calls. Prints
 * wall-clock throughput and throughput per CPU-second of the process (native threads included), which stays
 * meaningful on a shared machine.
 */
public final class ModelBenchmark {

    private static final int MAX_CALLS = 5;

    private ModelBenchmark() {}

    public static void main(String[] args) {
        double budget = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        int[] batches = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {1, 8, 32};
        ModelOptions opts = ModelOptions.defaults();
        String fixtures = System.getProperty("vprompt.fixtures");
        if (fixtures != null) {
            try (MaeVqgan tiny = BenchModels.fixture(Path.of(fixtures), opts)) {
                run("fixture-tiny(checkpoint)", tiny, batches, budget);
            }
        }
        try (MaeVqgan base = MaeVqgan.random(MaeVqganConfig.vitBase(), 7, opts)) {
            run("vit-base(random)", base, batches, budget);
        }
    }

    private static void run(String name, MaeVqgan model, int[] batches, double budget) {
        System.out.printf(
                Locale.ROOT,
                "%s: device=%s parameters=%d threads=%d%n",
                name,
                model.deviceName(),
                model.parameterCount(),
                Runtime.getRuntime().availableProcessors());
        for (int batch : batches) {
            List<Canvas> canvases = canvases(batch);
            long t0 = System.nanoTime();
            model.inpaint(canvases); // warm-up
            double warm = (System.nanoTime() - t0) / 1e9;
            int calls = 0;
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            double elapsed = 0;
            while (calls < MAX_CALLS && (calls == 0 || elapsed + elapsed / calls <= budget)) {
                model.inpaint(canvases);
                calls++;
                elapsed = (System.nanoTime() - start) / 1e9;
            }
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "  batch %2d: %8.3f images/s wall, %8.3f images per CPU-second (%.2f s/call over %d calls,"
                            + " %.2f CPU-s/call, warm-up %.2f s, load average %.1f)%n",
                    batch,
                    batch * calls / elapsed,
                    batch * calls / cpu,
                    elapsed / calls,
                    calls,
                    cpu / calls,
                    warm,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** CPU time of the whole process, native libtorch threads included. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<Canvas> canvases(int n) {
        SplittableRandom rnd = new SplittableRandom(42);
        List<Canvas> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[3 * Canvas.SIZE * Canvas.SIZE];
            for (int j = 0; j < px.length; j++) {
                px[j] = (byte) rnd.nextInt(256);
            }
            out.add(new Canvas(
                    new RgbImage(Canvas.SIZE, Canvas.SIZE, px),
                    PatchMask.rectangle(7, 13, 7, 13),
                    Layout.GRID_2X2,
                    new Cell(113, 113, 111, 111)));
        }
        return out;
    }

    /** Builds the benchmark models. */
    static final class BenchModels {
        private BenchModels() {}

        static MaeVqgan fixture(Path dir, ModelOptions opts) {
            MaeVqganConfig cfg = MaeVqganConfig.fromJson(dir.resolve("config.json"));
            return MaeVqgan.load(TorchCheckpoint.read(dir.resolve("checkpoint.pth")), cfg, opts);
        }
    }
}
