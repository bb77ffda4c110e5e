package dev.vprompt.cli.engine;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.ScoringMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vp score}: the official metrics of one answer, comparing the answer cell of a pasted prediction (from
 * {@code vp infer}) with the answer cell of a canvas that holds the ground truth (from {@code vp canvas --answer}).
 *
 * <p>Not thread-safe: picocli runs a command instance once, on the calling thread.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        sortOptions = false,
        description = {
            "Scores the answer cell of a pasted prediction against a canvas holding the true answer; prints one line.",
            "",
            "  ./vp canvas --example-input A.png --example-output A_mask.png --query Q.png --answer Q_mask.png \\",
            "      --out target.png",
            "  ./vp score --task segmentation --prediction out/0.png --target target.png [--json]",
            ""
        })
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--task",
            defaultValue = "segmentation",
            converter = Converters.TaskConverter.class,
            description = "segmentation, detection, colorization, or a synthetic task: color, size, shape, size_color,"
                    + " size_shape, shape_color. Default: ${DEFAULT-VALUE}.")
    ScoreTask task;

    @Option(names = "--prediction", required = true, description = "Pasted canvas (224x224), e.g. from 'vp infer'.")
    Path prediction;

    @Option(names = "--target", required = true, description = "Canvas (224x224) holding the true answer.")
    Path target;

    @Option(
            names = "--scoring",
            defaultValue = "official",
            converter = Converters.ScoringConverter.class,
            description = "official (reproduces published numbers, uint8 colour snapping) or exact (true nearest"
                    + " colour). Default: ${DEFAULT-VALUE}.")
    ScoringMode scoring;

    @Option(
            names = "--layout",
            converter = Converters.LayoutConverter.class,
            description = "2x2 or 3x2; decides the answer cell. Default: 2x2, or 3x2 for the synthetic tasks.")
    LayoutChoice layout;

    @Option(
            names = "--arrangement",
            defaultValue = "STANDARD",
            converter = Converters.ArrangementConverter.class,
            description = "2x2 only: the arrangement of the canvases (decides the answer cell). Default: STANDARD.")
    Arrangement arrangement;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        LayoutChoice chosen = layout != null ? layout : task.defaultLayout();
        if (chosen == LayoutChoice.GRID_3X2
                && spec.commandLine().getParseResult().hasMatchedOption("--arrangement")) {
            throw new ParameterException(spec.commandLine(), "--arrangement applies to the 2x2 layout only");
        }
        RgbImage predicted = ImageFiles.readCanvas(prediction, "--prediction");
        RgbImage truth = ImageFiles.readCanvas(target, "--target");
        Cell cell = chosen.answerCell(arrangement);
        Map<String, Double> metrics = scoreOrFail(truth, predicted, cell);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(json ? toJson(metrics, cell) : toText(metrics, cell));
        stdout.flush();
        return 0;
    }

    private Map<String, Double> scoreOrFail(RgbImage truth, RgbImage predicted, Cell cell) {
        try {
            return task.score(truth, predicted, cell, scoring);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("cannot score " + name(task) + ": " + e.getMessage(), e);
        }
    }

    private String toText(Map<String, Double> metrics, Cell cell) {
        String values = metrics.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.8f", e.getValue()))
                .collect(Collectors.joining(" "));
        return String.format(
                Locale.ROOT,
                "%s (%s %s scoring, answer cell x=%d y=%d %dx%d)",
                values,
                name(task),
                name(scoring),
                cell.x(),
                cell.y(),
                cell.width(),
                cell.height());
    }

    private String toJson(Map<String, Double> metrics, Cell cell) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", name(task));
        out.put("scoring", name(scoring));
        Map<String, Integer> answerCell = new LinkedHashMap<>();
        answerCell.put("x", cell.x());
        answerCell.put("y", cell.y());
        answerCell.put("width", cell.width());
        answerCell.put("height", cell.height());
        out.put("answer_cell", answerCell);
        metrics.forEach((k, v) -> out.put(k, v.isNaN() ? null : v));
        return Json.line(out);
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
