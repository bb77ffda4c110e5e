package dev.vprompt.cli.train;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vp train}: trains the project's small MAE-VQGAN from generated canvases, in two stages that share a folder
 * of artefacts ({@code --dir}): {@code vp train tokenizer}, {@code vp train decoder}, then {@code vp train mae}.
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Trains a small MAE-VQGAN on generated canvases (nothing is downloaded), on the CPU with DJL autograd over",
            "the engine's own forward pass, in three stages sharing --dir (default " + TrainOptions.DEFAULT_DIR + "):",
            "",
            "  tokenizer: generates the canvases once, trains the VQGAN (encoder, codebook, decoder) on crops of them",
            "  decoder:   tokenizes every canvas once, tunes the decoder on whole canvases decoded from their tokens",
            "  mae:       trains the MAE on the tokens of hidden patches, and exports the model (official checkpoint",
            "             layout + config.json, the tuned decoder) to --out",
            "",
            "Every stage is seeded, shows a progress bar, stops at --steps or --minutes, and resumes with --resume.",
            "",
            "Examples:",
            "  ./vp train tokenizer && ./vp train decoder && ./vp train mae --out models",
            "  ./vp train tokenizer --minutes 5 --canvases 2000     (a quick try)",
            "  ./vp train mae --resume"
        },
        subcommands = {TokenizerCommand.class, DecoderCommand.class, MaeCommand.class, CeilingCommand.class})
public final class TrainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
