package dev.vprompt.cli.train;

import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.ModelExport;
import dev.vprompt.training.Workspace;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.loop.Progress;
import dev.vprompt.training.loop.TrainingCheckpoint;
import dev.vprompt.training.mae.MaeSettings;
import dev.vprompt.training.mae.MaeTrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vp train mae}: tokenizes the training canvases with the trained tokenizer (once), trains the MAE on the
 * tokens of hidden patches and exports the whole model in the official checkpoint layout with its
 * {@code config.json} and SHA-256.
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "mae",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Tokenizes the canvases of --dir with --dir/tokenizer.pth (once), trains the MAE (--dir/mae.pth,",
            "resumable), then exports the model to --out: mae-vqgan.pth (official layout), config.json, and the",
            "checkpoint's SHA-256 in mae-vqgan.pth.sha256."
        })
public final class MaeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "where the model goes (default: --dir/model)")
    Path outDir;

    @Option(
            names = "--token-balance",
            paramLabel = "A",
            description = "class-balanced loss: a token of frequency f weighs (f / mean f)^-A, 0 to 1"
                    + " (default: ${DEFAULT-VALUE}; 0: every token weighs 1)")
    double tokenBalance = MaeSettings.DEFAULT_TOKEN_BALANCE;

    @Option(names = "--fp32", description = "store float32 weights (default: float16 storage, half the size)")
    boolean fp32;

    @Override
    public Integer call() throws Exception {
        options.applyThreads();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null;
        Workspace ws = new Workspace(options.dir);
        MaeVqganConfig cfg = Architecture.recorded(options.dir);
        Path tokenizerFile = ws.file(Workspace.TOKENIZER);
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new IllegalArgumentException(
                    "no " + tokenizerFile + ": run 'vp train tokenizer --dir " + options.dir + "' first");
        }
        long started = System.nanoTime();
        out.println(StageReport.started("mae"));
        out.flush();
        StateDict tokenizer = TrainingCheckpoint.read(tokenizerFile).model();
        MaeTrainer.Result r;
        try (CanvasStore data = CanvasStore.open(ws.file(Workspace.CANVASES))) {
            TokenStore tokens = ws.tokens(
                    data, cfg, tokenizer, Workspace.fingerprint(tokenizerFile), new Progress("tokens", err, terminal));
            r = new MaeTrainer(
                            cfg, settings(), data, tokens, ws.file(Workspace.MAE), new Progress("mae", err, terminal))
                    .run(options.resume);
        }
        Path dir = outDir != null ? outDir : ws.file(Workspace.MODEL);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("model", "vprompt small MAE-VQGAN");
        args.put("mae_steps", r.steps());
        Path pth = ModelExport.write(
                dir,
                cfg,
                TrainingCheckpoint.read(ws.file(Workspace.MAE)).model(),
                tokenizer,
                fp32 ? DType.FLOAT32 : DType.FLOAT16,
                args);
        String sha = Workspace.sha256(pth);
        Files.writeString(pth.resolveSibling(pth.getFileName() + ".sha256"), sha + "  " + pth.getFileName() + "\n");
        out.printf(
                Locale.ROOT,
                "mae: %d steps in %s%s; masked-token loss %.4f, accuracy %.3f%n",
                r.steps(),
                StageReport.minutes(r.elapsed()),
                r.cutShort() ? ", cut short by --minutes" : "",
                r.loss(),
                r.accuracy());
        out.printf(
                Locale.ROOT,
                "model: %s (%d bytes, sha256 %s) and %s%n",
                pth,
                Files.size(pth),
                sha,
                dir.resolve(ModelExport.CONFIG));
        out.println(StageReport.done("mae", started));
        out.flush();
        return 0;
    }

    private MaeSettings settings() {
        MaeSettings s = MaeSettings.defaults().withTokenBalance(tokenBalance);
        if (options.steps != null) {
            s = s.withSteps(options.steps);
        }
        if (options.minutes != null) {
            s = s.withBudget(Duration.ofMillis((long) (options.minutes * 60_000)));
        }
        if (options.batch != null) {
            s = s.withBatch(options.batch);
        }
        if (options.seed != null) {
            s = s.withSeed(options.seed);
        }
        return s;
    }
}
