package dev.vprompt.cli.train;

import dev.vprompt.training.Workspace;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.mae.MaeSettings;
import dev.vprompt.training.mae.MaeTrainer;
import java.io.PrintWriter;
import java.util.Locale;
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
            "resumable), then exports the model to --out: mae-vqgan.pth (official layout; its decoder from",
            "--dir/decoder.pth when 'vp train decoder' tuned one for this tokenizer), config.json, and the",
            "checkpoint's SHA-256 in mae-vqgan.pth.sha256."
        })
public final class MaeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options;

    @Option(
            names = "--token-balance",
            paramLabel = "A",
            description = "class-balanced loss: a token of frequency f weighs (f / mean f)^-A, 0 to 1"
                    + " (default: ${DEFAULT-VALUE}; 0: every token weighs 1)")
    double tokenBalance = MaeSettings.DEFAULT_TOKEN_BALANCE;

    @Mixin
    ModelOutput output;

    @Override
    public Integer call() throws Exception {
        TrainedTokenizer tokenizer = TrainedTokenizer.of(options.dir);
        StageRun run = StageRun.begin("mae", spec, options, Architecture.recorded(options.dir));
        Workspace ws = run.ws();
        PrintWriter out = run.out();
        MaeTrainer.Result r;
        try (CanvasStore data = CanvasStore.open(ws.file(Workspace.CANVASES))) {
            TokenStore tokens = tokenizer.tokens(data, run);
            r = new MaeTrainer(run.cfg(), settings(), data, tokens, ws.file(Workspace.MAE), run.progress("mae"))
                    .run(options.resume);
        }
        out.printf(
                Locale.ROOT,
                "mae: %d steps in %s%s; masked-token loss %.4f, accuracy %.3f%n",
                r.steps(),
                StageReport.minutes(r.elapsed()),
                r.cutShort() ? ", cut short by --minutes" : "",
                r.loss(),
                r.accuracy());
        output.export(ws, run.cfg(), r.steps(), out);
        run.done();
        return 0;
    }

    private MaeSettings settings() {
        return options.applyTo(
                        MaeSettings.defaults(),
                        MaeSettings::withSteps,
                        MaeSettings::withBudget,
                        MaeSettings::withBatch,
                        MaeSettings::withSeed)
                .withTokenBalance(tokenBalance);
    }
}
