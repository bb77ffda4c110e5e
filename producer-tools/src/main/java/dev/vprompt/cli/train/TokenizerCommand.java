package dev.vprompt.cli.train;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.Workspace;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.tokenizer.ReconstructionScore;
import dev.vprompt.training.tokenizer.TokenizerInit;
import dev.vprompt.training.tokenizer.TokenizerSettings;
import dev.vprompt.training.tokenizer.TokenizerTrainer;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vp train tokenizer}: generates the training canvases (once per folder), trains the VQGAN tokenizer on crops
 * of them and reports how well it reproduces canvases it never saw.
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "tokenizer",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Generates the training canvases into --dir (once; reused by 'vp train mae'), then trains the VQGAN",
            "tokenizer on random 16-aligned crops of them and writes --dir/tokenizer.pth (resumable)."
        })
public final class TokenizerCommand implements Callable<Integer> {

    /** Canvases generated for training by default (the shipped model's: MODEL_CARD.md). */
    public static final int DEFAULT_CANVASES = 8_000;
    /** Seed of the canvas stream by default (the shipped model's). */
    public static final long DEFAULT_DATA_SEED = 1L;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options;

    @Option(names = "--canvases", paramLabel = "N", description = "canvases to generate (default ${DEFAULT-VALUE})")
    int canvases = DEFAULT_CANVASES;

    @Option(names = "--data-seed", paramLabel = "N", description = "seed of the canvases (default ${DEFAULT-VALUE})")
    long dataSeed = DEFAULT_DATA_SEED;

    @Option(names = "--crop", paramLabel = "PX", description = "crop side, a multiple of 16 (default: the recipe's)")
    Integer crop;

    @Option(
            names = "--init",
            paramLabel = "INIT",
            description = "how the convolutions start: IDENTITY_RESIDUAL (default) or PYTORCH_DEFAULT (the shipped"
                    + " tokenizer's, which loses hue; see models/MODEL_CARD.md)")
    TokenizerInit init;

    @Override
    public Integer call() throws Exception {
        MaeVqganConfig cfg = Architecture.resolve(options.config);
        Architecture.record(options.dir, cfg);
        StageRun run = StageRun.begin("tokenizer", spec, options, cfg);
        Workspace ws = run.ws();
        PrintWriter out = run.out();
        TokenizerSettings settings = settings();
        try (CanvasStore data =
                ws.canvases(canvases, dataSeed, TrainingHeldOut.build(), options.threads, run.progress("canvases"))) {
            TokenizerTrainer.Result r = new TokenizerTrainer(
                            cfg, settings, data, ws.file(Workspace.TOKENIZER), run.progress("tokenizer"))
                    .run(options.resume);
            ReconstructionScore score = TrainedTokenizer.reconstruction(ws, cfg, ws.file(Workspace.TOKENIZER));
            out.printf(
                    Locale.ROOT,
                    "tokenizer: %d steps in %s (%s)%s; codes in use %d of %d%n",
                    r.steps(),
                    StageReport.minutes(r.elapsed()),
                    ws.file(Workspace.TOKENIZER),
                    r.cutShort() ? ", cut short by --minutes" : "",
                    r.codesInUse(),
                    cfg.vqgan().nEmbed());
            out.printf(
                    Locale.ROOT,
                    "reconstruction of %d unseen canvases: mean error %.2f levels, answer cells %.2f levels, %.1f%% of"
                            + " answer pixels within 24 levels%n",
                    TrainedTokenizer.SCORED_CANVASES,
                    score.meanError(),
                    score.answerError(),
                    100 * score.answerClose());
        }
        run.done();
        return 0;
    }

    private TokenizerSettings settings() {
        TokenizerSettings s = options.applyTo(
                TokenizerSettings.defaults(),
                TokenizerSettings::withSteps,
                TokenizerSettings::withBudget,
                (t, batch) -> t.withBatch(batch, t.crop()),
                TokenizerSettings::withSeed);
        if (crop != null) {
            s = s.withBatch(s.batch(), crop);
        }
        return init != null ? s.withInit(init) : s;
    }
}
