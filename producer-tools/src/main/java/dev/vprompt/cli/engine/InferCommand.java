package dev.vprompt.cli.engine;

import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.model.Inpainting;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelOptions;
import dev.vprompt.engine.model.Precision;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vp infer}: runs MAE-VQGAN inpainting on canvas PNGs in one batched call and writes, per canvas {@code i},
 * {@code <out-dir>/<i>.png} (the official paste) and {@code <out-dir>/<i>.tokens.json} (the 196 predicted VQGAN
 * tokens, raster order).
 *
 * <p>Not thread-safe: picocli runs a command instance once, on the calling thread, which also owns the model.
 */
@Command(
        name = "infer",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        sortOptions = false,
        description = {
            "Inpaints the answer cell of 224x224 canvases with MAE-VQGAN, all canvases in one batch.",
            "Writes <out-dir>/<i>.png (pasted canvas) and <out-dir>/<i>.tokens.json (196 token ids) per canvas i,",
            "then prints one summary line.",
            "",
            "  ./vp infer --checkpoint checkpoint.pth --config config.json --canvas canvas.png --out-dir out",
            "  ./vp infer --random-model --config fixture --canvas a.png --canvas b.png --out-dir out",
            ""
        })
public final class InferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", description = "Official-layout checkpoint (.pth torch zip or .safetensors).")
    Path checkpoint;

    @Option(
            names = "--config",
            defaultValue = ModelConfigs.VIT_L,
            description = "Model architecture: " + ModelConfigs.NAMES + ". Default: ${DEFAULT-VALUE} (official).")
    String config;

    @Option(names = "--canvas", required = true, description = "224x224 canvas PNG/JPEG (repeat for a batch).")
    List<Path> canvases = new ArrayList<>();

    @Option(names = "--out-dir", required = true, description = "Folder for <i>.png and <i>.tokens.json.")
    Path outDir;

    @Option(
            names = "--device",
            defaultValue = ModelOptions.AUTO,
            description = "auto (first GPU, else CPU), cpu or gpu:N. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(
            names = "--precision",
            defaultValue = "FP32",
            converter = Converters.PrecisionConverter.class,
            description = "FP32 (official numerics), FP16 or BF16 (GPU only). Default: ${DEFAULT-VALUE}.")
    Precision precision;

    @Option(names = "--random-model", description = "Random weights of --config instead of a checkpoint.")
    boolean randomModel;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of --random-model weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--layout",
            defaultValue = "2x2",
            converter = Converters.LayoutConverter.class,
            description = "Layout of every canvas; decides the predicted patches. Default: ${DEFAULT-VALUE}.")
    LayoutChoice layout;

    @Option(
            names = "--arrangement",
            defaultValue = "STANDARD",
            converter = Converters.ArrangementConverter.class,
            description = "2x2 only: the arrangement the canvases were built with (decides the predicted quadrant)."
                    + " Default: STANDARD.")
    Arrangement arrangement;

    @Override
    public Integer call() {
        LogLevels.quietEngine();
        if (randomModel == (checkpoint != null)) {
            throw new ParameterException(spec.commandLine(), "give either --checkpoint or --random-model");
        }
        MaeVqganConfig cfg = ModelConfigs.resolve(config);
        ModelOptions opts = new ModelOptions(device, precision, ModelOptions.DEFAULT_DECODE_CHUNK);
        List<Canvas> batch = readCanvases();
        ModelLoader.Loaded loaded = ModelLoader.open(checkpoint, cfg, config, opts, seed);
        try (MaeVqgan model = loaded.model()) {
            long start = System.nanoTime();
            List<Inpainting> results = model.inpaint(batch);
            long inferMillis = (System.nanoTime() - start) / 1_000_000;
            write(results);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.printf(
                    "infer: %d canvas(es), batch size %d, device %s, %s, %d ms inference (+%d ms model load), model %s,"
                            + " weights %s -> %s%n",
                    batch.size(),
                    batch.size(),
                    model.deviceName(),
                    precision,
                    inferMillis,
                    loaded.loadMillis(),
                    config,
                    loaded.source(),
                    outDir);
            stdout.flush();
        }
        return 0;
    }

    private List<Canvas> readCanvases() {
        if (layout == LayoutChoice.GRID_3X2
                && spec.commandLine().getParseResult().hasMatchedOption("--arrangement")) {
            throw new ParameterException(spec.commandLine(), "--arrangement applies to the 2x2 layout only");
        }
        List<Canvas> batch = new ArrayList<>();
        for (Path file : canvases) {
            batch.add(layout.canvas(ImageFiles.readCanvas(file, "--canvas"), arrangement));
        }
        return batch;
    }

    private void write(List<Inpainting> results) {
        for (int i = 0; i < results.size(); i++) {
            Inpainting r = results.get(i);
            ImageFiles.writePng(r.pasted(), outDir.resolve(i + ".png"));
            byte[] tokens = (Json.line(r.tokens()) + "\n").getBytes(StandardCharsets.UTF_8);
            ImageFiles.write(tokens, outDir.resolve(i + ".tokens.json"));
        }
    }
}
