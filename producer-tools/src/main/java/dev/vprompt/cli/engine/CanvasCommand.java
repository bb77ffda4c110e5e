package dev.vprompt.cli.engine;

import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import java.io.PrintWriter;
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
 * {@code vp canvas}: lays example pairs, a query and optionally its answer out on a 224x224 visual prompt exactly as the
 * official code does, and writes it as a PNG.
 *
 * <p>Not thread-safe: picocli runs a command instance once, on the calling thread.
 */
@Command(
        name = "canvas",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        sortOptions = false,
        description = {
            "Builds a 224x224 visual-prompt canvas from images, pixel for pixel as the official code.",
            "",
            "2x2 (one pair; Pillow bicubic to 111x111, white background, official segmentation canvas):",
            "  ./vp canvas --example-input A.png --example-output A_mask.png --query Q.png [--answer Q_mask.png] \\",
            "      --out canvas.png",
            "2x2 detection canvas (Pillow bilinear to 111x111, as the official detection evaluation):",
            "  ./vp canvas --resize bilinear --example-input A.png --example-output A_box.png --query Q.png \\",
            "      --out canvas.png",
            "3x2 (two pairs, in order; Pillow bilinear to 74x74, black background, synthetic tasks):",
            "  ./vp canvas --layout 3x2 --example-input A1.png --example-output B1.png \\",
            "      --example-input A2.png --example-output B2.png --query Q.png --out canvas.png",
            ""
        })
public final class CanvasCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--layout",
            defaultValue = "2x2",
            converter = Converters.LayoutConverter.class,
            description = "2x2 (one example pair) or 3x2 (two example pairs). Default: ${DEFAULT-VALUE}.")
    LayoutChoice layout;

    @Option(
            names = "--example-input",
            required = true,
            description = "Example input image (repeat for 3x2: two pairs, in order).")
    List<Path> exampleInputs = new ArrayList<>();

    @Option(
            names = "--example-output",
            required = true,
            description = "Example output image, paired with --example-input in order.")
    List<Path> exampleOutputs = new ArrayList<>();

    @Option(names = "--query", required = true, description = "Query image.")
    Path query;

    @Option(
            names = "--answer",
            description = "The query's true output (ground truth for 'vp score'); without it the answer cell stays"
                    + " background.")
    Path answer;

    @Option(
            names = "--arrangement",
            defaultValue = "STANDARD",
            converter = Converters.ArrangementConverter.class,
            description =
                    "2x2 only: where pairs and answer go, e.g. ROWS_ANSWER_TOP_RIGHT, COLUMNS_ANSWER_BOTTOM_RIGHT."
                            + " Default: STANDARD (= ROWS_ANSWER_BOTTOM_RIGHT, the official canvas).")
    Arrangement arrangement;

    @Option(
            names = {"--masks", "--mask-output"},
            negatable = true,
            description = "Decode example outputs and the answer as masks (Pillow 'L', as the official segmentation"
                    + " code reads them). Default: on for 2x2, off for 3x2 (colour outputs); --no-masks keeps colours.")
    Boolean masks;

    @Option(
            names = "--resize",
            defaultValue = "bicubic",
            description = "2x2 cell resize: bicubic (the segmentation canvas) or bilinear (the official detection"
                    + " canvas, torchvision's default). Default: ${DEFAULT-VALUE}.")
    String resize;

    @Option(names = "--out", required = true, description = "PNG file to write.")
    Path out;

    @Override
    public Integer call() {
        LogLevels.quietEngine();
        boolean asMasks = masks != null ? masks : layout == LayoutChoice.GRID_2X2;
        Canvas canvas = build(asMasks);
        ImageFiles.writePng(canvas.image(), out);
        Cell cell = canvas.answerCell();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(
                "canvas %s%s: answer cell x=%d y=%d %dx%d, %d of %d patches kept, outputs as %s -> %s%n",
                layout.label(),
                layout == LayoutChoice.GRID_2X2 ? " " + arrangement : "",
                cell.x(),
                cell.y(),
                cell.width(),
                cell.height(),
                canvas.mask().keptCount(),
                PatchMask.PATCHES,
                asMasks ? "masks" : "colour images",
                out);
        stdout.flush();
        return 0;
    }

    private PilResize.Filter filter() {
        return switch (resize.toLowerCase(java.util.Locale.ROOT)) {
            case "bicubic" -> PilResize.Filter.BICUBIC;
            case "bilinear" -> PilResize.Filter.BILINEAR;
            default ->
                throw new ParameterException(
                        spec.commandLine(), "--resize must be bicubic or bilinear, was '" + resize + "'");
        };
    }

    private Canvas build(boolean asMasks) {
        int pairs = layout == LayoutChoice.GRID_2X2 ? 1 : CanvasBuilder.GRID3X2_EXAMPLES;
        if (exampleInputs.size() != pairs || exampleOutputs.size() != pairs) {
            throw new ParameterException(
                    spec.commandLine(),
                    "the " + layout.label() + " layout takes " + pairs + " --example-input and " + pairs
                            + " --example-output, got " + exampleInputs.size() + " and " + exampleOutputs.size());
        }
        if (layout == LayoutChoice.GRID_3X2
                && spec.commandLine().getParseResult().hasMatchedOption("--arrangement")) {
            throw new ParameterException(spec.commandLine(), "--arrangement applies to the 2x2 layout only");
        }
        if (layout == LayoutChoice.GRID_3X2
                && spec.commandLine().getParseResult().hasMatchedOption("--resize")) {
            throw new ParameterException(spec.commandLine(), "--resize applies to the 2x2 layout only");
        }
        filter(); // reject a bad --resize before reading any image
        List<RgbImage[]> examples = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            examples.add(new RgbImage[] {
                ImageFiles.read(exampleInputs.get(i), "--example-input", false),
                ImageFiles.read(exampleOutputs.get(i), "--example-output", asMasks)
            });
        }
        RgbImage queryImage = ImageFiles.read(query, "--query", false);
        RgbImage answerImage = answer == null ? null : ImageFiles.read(answer, "--answer", asMasks);
        CanvasBuilder builder = new CanvasBuilder();
        if (layout == LayoutChoice.GRID_2X2) {
            RgbImage[] pair = examples.get(0);
            return builder.grid2x2(arrangement, pair[0], pair[1], queryImage, answerImage, filter());
        }
        return builder.grid3x2(examples, queryImage, answerImage);
    }
}
