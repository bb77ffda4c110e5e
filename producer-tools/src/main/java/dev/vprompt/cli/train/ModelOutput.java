package dev.vprompt.cli.train;

import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.ModelExport;
import dev.vprompt.training.Workspace;
import dev.vprompt.training.loop.TrainingCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The stages' {@code --out} and {@code --fp32}, and the export they control: the MAE of {@code mae.pth} with the
 * {@code vae.*} weights the served model decodes with ({@link Workspace#servedTokenizer()}), in the official layout,
 * with {@code config.json} and the checkpoint's SHA-256 beside it.
 *
 * <p>Not thread-safe: filled by picocli on the calling thread.
 */
public final class ModelOutput {

    @Option(names = "--out", paramLabel = "DIR", description = "where the model goes (default: --dir/model)")
    Path outDir;

    @Option(names = "--fp32", description = "store float32 weights (default: float16 storage, half the size)")
    boolean fp32;

    /** Writes the model of {@code ws} and prints where it went and its SHA-256. */
    Path export(Workspace ws, MaeVqganConfig cfg, long maeSteps, PrintWriter out) throws IOException {
        Path dir = outDir != null ? outDir : ws.file(Workspace.MODEL);
        Path vae = ws.servedTokenizer();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("model", "vprompt small MAE-VQGAN");
        args.put("mae_steps", maeSteps);
        args.put("vae", vae.getFileName().toString());
        Path pth = ModelExport.write(
                dir,
                cfg,
                TrainingCheckpoint.read(ws.file(Workspace.MAE)).model(),
                TrainingCheckpoint.read(vae).model(),
                fp32 ? DType.FLOAT32 : DType.FLOAT16,
                args);
        String sha = Workspace.sha256(pth);
        Files.writeString(pth.resolveSibling(pth.getFileName() + ".sha256"), sha + "  " + pth.getFileName() + "\n");
        out.printf(
                Locale.ROOT,
                "model: %s (%d bytes, sha256 %s, decoder of %s) and %s%n",
                pth,
                Files.size(pth),
                sha,
                vae.getFileName(),
                dir.resolve(ModelExport.CONFIG));
        return pth;
    }
}
