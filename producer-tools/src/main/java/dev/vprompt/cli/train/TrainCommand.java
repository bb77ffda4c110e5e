package dev.vprompt.cli.train;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vp train}: trains the project's small MAE-VQGAN from generated canvases, in two stages that share a folder
 * of artefacts ({@code --dir}): {@code vp train tokenizer}, then {@code vp train mae}.
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Trains a small MAE-VQGAN on generated canvases (nothing is downloaded), on the CPU with DJL autograd over",
            "the engine's own forward pass, in two stages sharing --dir (default " + TrainOptions.DEFAULT_DIR + "):",
            "",
            "  tokenizer: generates the canvases once, trains the VQGAN (encoder, codebook, decoder) on crops of them",
            "  mae:       tokenizes every canvas once, trains the MAE on the tokens of hidden patches, and exports",
            "             the model (official checkpoint layout + config.json) to --out",
            "",
            "Both stages are seeded, show a progress bar, stop at --steps or --minutes, and resume with --resume.",
            "",
            "Examples:",
            "  ./vp train tokenizer && ./vp train mae --out models",
            "  ./vp train tokenizer --minutes 5 --canvases 2000     (a quick try)",
            "  ./vp train mae --resume"
        },
        subcommands = {TokenizerCommand.class, MaeCommand.class, CeilingCommand.class})
public final class TrainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
