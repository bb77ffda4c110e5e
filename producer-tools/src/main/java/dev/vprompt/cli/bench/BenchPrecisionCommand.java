package dev.vprompt.cli.bench;

import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.cli.demo.DemoCase;
import dev.vprompt.cli.demo.DemoData;
import dev.vprompt.cli.engine.Converters;
import dev.vprompt.cli.engine.ImageFiles;
import dev.vprompt.cli.engine.LayoutChoice;
import dev.vprompt.cli.engine.ModelConfigs;
import dev.vprompt.cli.engine.ModelLoader;
import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.model.Inpainting;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelOptions;
import dev.vprompt.engine.model.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vp bench precision}: how far half precision moves the answer from FP32 on the same weights and canvases:
 * the fraction of the 196 tokens per canvas equal to FP32's, and the absolute difference of the pasted canvases on
 * the predicted patches (the answer cell), in 0-255 pixel levels.
 *
 * <p>Not thread-safe: picocli runs a command instance once, on the calling thread, which also owns the models.
 */
@Command(
        name = "precision",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        sortOptions = false,
        description = {
            "Compares FP16 (or BF16) inference with FP32 on the same weights and canvases: token agreement (fraction",
            "of the 196 tokens equal to FP32's) and pasted-pixel difference on the predicted patches (max and mean",
            "absolute, 0-255). Canvases: --canvas files (2x2 standard arrangement) and --demo generated 2x2 cases.",
            "",
            "  ./vp bench precision --config fixture --checkpoint ../shared/fixtures/mae_vqgan_tiny/checkpoint.pth \\",
            "      --canvas ../shared/fixtures/mae_vqgan_tiny/canvas.png --demo 0",
            "  ./vp bench precision --config fixture --demo 8 --device cpu",
            "  ./vp bench precision --config vit-l --checkpoint checkpoint-1000.pth --device gpu:0 --demo 64",
            ""
        })
public final class BenchPrecisionCommand implements Callable<Integer> {

    /** Seed of the generated demo cases, fixed so runs compare the same canvases. */
    static final long DEMO_SEED = 20241206L;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            defaultValue = ModelConfigs.FIXTURE,
            description = "Architecture: " + ModelConfigs.NAMES + ". Default: ${DEFAULT-VALUE}.")
    String config;

    @Option(names = "--checkpoint", description = "Weights (must fit --config); default: random weights (--seed).")
    Path checkpoint;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the random weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--canvas", description = "A 224x224 2x2 canvas PNG/JPEG (repeatable).")
    List<Path> canvasFiles = new ArrayList<>();

    @Option(
            names = "--demo",
            defaultValue = "8",
            description = "Generated 2x2 demo cases to add (segmentation, detection, colorization). Default: "
                    + "${DEFAULT-VALUE}.")
    int demo;

    @Option(
            names = "--precision",
            split = ",",
            defaultValue = "FP16",
            converter = Converters.PrecisionConverter.class,
            description = "Precisions to compare with FP32, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<Precision> precisions;

    @Option(
            names = "--device",
            defaultValue = ModelOptions.AUTO,
            description = "auto, cpu or gpu:N. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--batch", defaultValue = "8", description = "Canvases per call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Override
    public Integer call() {
        LogLevels.quietEngine();
        if (batch < 1 || demo < 0 || precisions.contains(Precision.FP32)) {
            throw new ParameterException(
                    spec.commandLine(), "need --batch >= 1, --demo >= 0 and precisions other than FP32");
        }
        List<Canvas> canvases = canvases();
        if (canvases.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no canvases: give --canvas files or --demo N > 0");
        }
        MaeVqganConfig cfg = ModelConfigs.resolve(config);
        Run reference = run(cfg, Precision.FP32, canvases);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "bench precision: config %s, weights %s, device %s, %d canvases (%d files, %d demo), batch %d;"
                        + " FP32 %.1f ms/canvas%n",
                config,
                reference.source(),
                reference.device(),
                canvases.size(),
                canvasFiles.size(),
                canvases.size() - canvasFiles.size(),
                batch,
                reference.msPerCanvas());
        for (Precision p : precisions) {
            out.println("  " + line(p, reference, canvases));
        }
        out.flush();
        return 0;
    }

    private String line(Precision p, Run reference, List<Canvas> canvases) {
        String unavailable = p.unavailableReason();
        if (unavailable != null) {
            return p + ": not run, " + unavailable;
        }
        Run other = run(ModelConfigs.resolve(config), p, canvases);
        Agreement a = Agreement.of(reference.results(), other.results(), canvases);
        return String.format(
                Locale.ROOT,
                "%s: tokens equal to FP32 %.4f (%d of %d; canvases with all 196 equal: %d of %d); pasted pixels on"
                        + " predicted patches vs FP32: max abs %d, mean abs %.3f (canvases with equal tokens: max %d,"
                        + " mean %.3f); %.1f ms/canvas (%.1fx FP32)",
                p,
                a.tokenAgreement(),
                a.equalTokens(),
                a.tokens(),
                a.identicalCanvases(),
                canvases.size(),
                a.maxAbs(),
                a.meanAbs(),
                a.maxAbsSameTokens(),
                a.meanAbsSameTokens(),
                other.msPerCanvas(),
                other.msPerCanvas() / reference.msPerCanvas());
    }

    private Run run(MaeVqganConfig cfg, Precision precision, List<Canvas> canvases) {
        ModelLoader.Loaded loaded = ModelLoader.open(
                checkpoint, cfg, config, new ModelOptions(device, precision, ModelOptions.DEFAULT_DECODE_CHUNK), seed);
        try (MaeVqgan model = loaded.model()) {
            List<Inpainting> results = new ArrayList<>();
            long start = System.nanoTime();
            for (int from = 0; from < canvases.size(); from += batch) {
                results.addAll(model.inpaint(canvases.subList(from, Math.min(canvases.size(), from + batch))));
            }
            double ms = (System.nanoTime() - start) / 1e6 / canvases.size();
            return new Run(results, loaded.source(), model.deviceName(), ms);
        }
    }

    private List<Canvas> canvases() {
        List<Canvas> out = new ArrayList<>();
        for (Path file : canvasFiles) {
            out.add(LayoutChoice.GRID_2X2.canvas(ImageFiles.readCanvas(file, "--canvas"), Arrangement.STANDARD));
        }
        CanvasBuilder builder = new CanvasBuilder();
        int added = 0;
        for (DemoCase c : DemoData.cases(4 * demo, DEMO_SEED)) {
            if (added < demo && c.kind() != DemoCase.Kind.SYNTHETIC) {
                out.add(builder.grid2x2(c.examples().get(0)[0], c.examples().get(0)[1], c.query(), null));
                added++;
            }
        }
        return out;
    }

    private record Run(List<Inpainting> results, String source, String device, double msPerCanvas) {}

    /** Token and pixel agreement of two runs over the same canvases. */
    record Agreement(
            int equalTokens,
            int tokens,
            int identicalCanvases,
            int maxAbs,
            double meanAbs,
            int maxAbsSameTokens,
            double meanAbsSameTokens) {

        double tokenAgreement() {
            return tokens == 0 ? 1.0 : (double) equalTokens / tokens;
        }

        static Agreement of(List<Inpainting> reference, List<Inpainting> other, List<Canvas> canvases) {
            int equal = 0;
            int total = 0;
            int identical = 0;
            PixelDiff all = new PixelDiff();
            PixelDiff sameTokens = new PixelDiff();
            for (int i = 0; i < reference.size(); i++) {
                int[] a = reference.get(i).tokens();
                int[] b = other.get(i).tokens();
                int same = 0;
                for (int t = 0; t < a.length; t++) {
                    same += a[t] == b[t] ? 1 : 0;
                }
                equal += same;
                total += a.length;
                identical += same == a.length ? 1 : 0;
                PixelDiff canvas = PixelDiff.predicted(
                        reference.get(i).pasted().pixels(),
                        other.get(i).pasted().pixels(),
                        canvases.get(i).mask());
                all.add(canvas);
                if (same == a.length) {
                    sameTokens.add(canvas);
                }
            }
            return new Agreement(equal, total, identical, all.max, all.mean(), sameTokens.max, sameTokens.mean());
        }
    }

    /** Absolute differences of two pasted canvases on the predicted patches, in 0-255 levels. */
    private static final class PixelDiff {
        int max;
        long sum;
        long count;

        static PixelDiff predicted(byte[] a, byte[] b, PatchMask mask) {
            PixelDiff d = new PixelDiff();
            for (int y = 0; y < Canvas.SIZE; y++) {
                for (int x = 0; x < Canvas.SIZE; x++) {
                    int patch = (y / PatchMask.PATCH_SIZE) * PatchMask.GRID + x / PatchMask.PATCH_SIZE;
                    if (!mask.isPredicted(patch)) {
                        continue;
                    }
                    for (int ch = 0; ch < 3; ch++) {
                        int at = 3 * (y * Canvas.SIZE + x) + ch;
                        int diff = Math.abs((a[at] & 0xff) - (b[at] & 0xff));
                        d.max = Math.max(d.max, diff);
                        d.sum += diff;
                        d.count++;
                    }
                }
            }
            return d;
        }

        void add(PixelDiff other) {
            max = Math.max(max, other.max);
            sum += other.sum;
            count += other.count;
        }

        double mean() {
            return count == 0 ? 0 : (double) sum / count;
        }
    }
}
