package dev.vprompt.cli.train;

import dev.vprompt.cli.eval.TokenizerCeiling;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.Workspace;
import dev.vprompt.training.loop.TrainingCheckpoint;
import dev.vprompt.training.tokenizer.Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vp train ceiling}: what the official synthetic metric gives the tokenizer's reconstruction of the true
 * answers, the most any MAE trained on that tokenizer can score on {@code vp eval --dataset synthetic}.
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "ceiling",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Scores the paper's synthetic episodes (the official generator, --eval-seed) with every token of the",
            "true canvas given: --dir/tokenizer.pth (the architecture recorded in --dir) codes each canvas and the",
            "decoder the model is exported with (--dir/decoder.pth when tuned for it) decodes it as served. An MAE on",
            "this tokenizer cannot score higher; a low ceiling means the",
            "codebook, not the MAE, needs training. First prints what the code makes of a flat square of each colour",
            "the scoring snaps to: the tasks' answers differ by colour, so a code that merges colours caps every score."
        })
public final class CeilingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "artefact folder (default ${DEFAULT-VALUE})")
    Path dir = Path.of(TrainOptions.DEFAULT_DIR);

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default ${DEFAULT-VALUE})")
    int threads = TrainOptions.DEFAULT_THREADS;

    @Option(
            names = "--eval-seed",
            paramLabel = "N",
            description = "numpy seed of the episodes (default ${DEFAULT-VALUE})")
    long evalSeed = 0;

    @Option(names = "--episodes", paramLabel = "N", description = "episodes per task (default ${DEFAULT-VALUE})")
    int episodes = 100;

    @Override
    public Integer call() throws Exception {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, was " + episodes);
        }
        TrainOptions.applyThreads(threads);
        PrintWriter out = spec.commandLine().getOut();
        MaeVqganConfig cfg = Architecture.recorded(dir);
        Workspace ws = new Workspace(dir);
        double iou = 0;
        double colorBlind = 0;
        Path weights = ws.servedTokenizer();
        out.println("tokens of " + ws.file(Workspace.TOKENIZER) + ", decoded by " + weights);
        try (Tokenizer t = Tokenizer.of(cfg, TrainingCheckpoint.read(weights).model())) {
            TokenizerCeiling.Reconstruction code = TokenizerCeiling.through(t);
            out.println("colour -> decoded at the centre of a flat 64x64 square on white:");
            TokenizerCeiling.paletteProbe(code)
                    .forEach((colour, decoded) -> out.printf(
                            Locale.ROOT,
                            "  (%3d, %3d, %3d) -> (%3d, %3d, %3d)%n",
                            colour.r(),
                            colour.g(),
                            colour.b(),
                            decoded.r(),
                            decoded.g(),
                            decoded.b()));
            out.flush();
            out.printf(Locale.ROOT, "%-12s %8s %16s%n", "task", "iou", "color_blind_iou");
            for (SyntheticTask task : SyntheticTask.values()) {
                Map<String, Double> s = TokenizerCeiling.score(code, task, episodes, evalSeed);
                out.printf(
                        Locale.ROOT,
                        "%-12s %8.3f %16.3f%n",
                        task.name().toLowerCase(Locale.ROOT),
                        s.get("iou"),
                        s.get("color_blind_iou"));
                out.flush();
                iou += s.get("iou");
                colorBlind += s.get("color_blind_iou");
            }
        }
        int n = SyntheticTask.values().length;
        out.printf(Locale.ROOT, "%-12s %8.3f %16.3f%n", "mean", iou / n, colorBlind / n);
        out.flush();
        return 0;
    }
}
