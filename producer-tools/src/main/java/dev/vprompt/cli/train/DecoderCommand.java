package dev.vprompt.cli.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.Workspace;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.loop.TrainingCheckpoint;
import dev.vprompt.training.tokenizer.DecoderSettings;
import dev.vprompt.training.tokenizer.DecoderTrainer;
import dev.vprompt.training.tokenizer.ReconstructionScore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vp train decoder}: tunes the tokenizer's decoder on whole canvases decoded from their tokens, keeping the
 * tokens as they are, and reports how well the tokenizer reproduces canvases it never saw before and after. When the
 * folder already has a trained MAE, the model is exported again with the tuned decoder.
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "decoder",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Tokenizes the canvases of --dir with --dir/tokenizer.pth (once; shared with 'vp train mae'), then tunes",
            "the decoder on whole 224x224 canvases decoded from those tokens and writes --dir/decoder.pth (resumable).",
            "The encoder and codebook stay as they are, so the tokens, and an MAE trained on them, stay valid. The",
            "tokenizer trains on crops, whose GroupNorm statistics are not a whole canvas's; this stage closes that gap.",
            "With --dir/mae.pth present the model is exported again to --out with the tuned decoder."
        })
public final class DecoderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options;

    @Mixin
    ModelOutput output;

    @Override
    public Integer call() throws Exception {
        TrainedTokenizer tokenizer = TrainedTokenizer.of(options.dir);
        StageRun run = StageRun.begin("decoder", spec, options, Architecture.recorded(options.dir));
        Workspace ws = run.ws();
        MaeVqganConfig cfg = run.cfg();
        PrintWriter out = run.out();
        DecoderTrainer.Result r;
        try (CanvasStore data = CanvasStore.open(ws.file(Workspace.CANVASES))) {
            TokenStore tokens = tokenizer.tokens(data, run);
            r = new DecoderTrainer(
                            cfg,
                            settings(),
                            data,
                            tokens,
                            tokenizer.weights(),
                            ws.file(Workspace.DECODER),
                            run.progress("decoder"))
                    .run(options.resume);
        }
        out.printf(
                Locale.ROOT,
                "decoder: %d steps in %s (%s)%s; reconstruction loss %.4f%n",
                r.steps(),
                StageReport.minutes(r.elapsed()),
                ws.file(Workspace.DECODER),
                r.cutShort() ? ", cut short by --minutes" : "",
                r.loss());
        ReconstructionScore before = TrainedTokenizer.reconstruction(ws, cfg, ws.file(Workspace.TOKENIZER));
        ReconstructionScore after = TrainedTokenizer.reconstruction(ws, cfg, ws.file(Workspace.DECODER));
        out.printf(
                Locale.ROOT,
                "reconstruction of %d unseen canvases: mean error %.2f levels (tokenizer's decoder: %.2f), answer"
                        + " cells %.2f (%.2f), %.1f%% of answer pixels within 24 levels (%.1f%%)%n",
                TrainedTokenizer.SCORED_CANVASES,
                after.meanError(),
                before.meanError(),
                after.answerError(),
                before.answerError(),
                100 * after.answerClose(),
                100 * before.answerClose());
        if (Files.isRegularFile(ws.file(Workspace.MAE))) {
            long maeSteps;
            try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
                maeSteps = TrainingCheckpoint.read(ws.file(Workspace.MAE)).step(m);
            }
            output.export(ws, cfg, maeSteps, out);
        }
        run.done();
        return 0;
    }

    private DecoderSettings settings() {
        return options.applyTo(
                DecoderSettings.defaults(),
                DecoderSettings::withSteps,
                DecoderSettings::withBudget,
                DecoderSettings::withBatch,
                DecoderSettings::withSeed);
    }
}
