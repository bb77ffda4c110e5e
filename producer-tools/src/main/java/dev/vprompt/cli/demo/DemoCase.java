package dev.vprompt.cli.demo;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One demo job before upload: its example pairs, query and ground truth as decoded pictures.
 *
 * @param id the job id
 * @param kind what the job demonstrates
 * @param synthetic the synthetic reasoning task for {@link Kind#SYNTHETIC}, else null
 * @param examples example pairs {@code {input, output}} in prompt order
 * @param query the query picture
 * @param truth the expected answer for the query
 */
public record DemoCase(
        String id, Kind kind, SyntheticTask synthetic, List<RgbImage[]> examples, RgbImage query, RgbImage truth) {

    /** What a demo job demonstrates. */
    public enum Kind {
        SEGMENTATION,
        DETECTION,
        COLORIZATION,
        SYNTHETIC
    }

    public DemoCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SYNTHETIC) != (synthetic != null)) {
            throw new IllegalArgumentException("a synthetic task goes with kind SYNTHETIC only");
        }
        examples = List.copyOf(examples);
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(truth, "truth");
    }

    /** The worker task: synthetic tasks are plain image-to-image prompts ({@link Task#IMAGE}), scored by the client. */
    public Task task() {
        return switch (kind) {
            case SEGMENTATION -> Task.SEGMENTATION;
            case DETECTION -> Task.DETECTION;
            case COLORIZATION -> Task.COLORIZATION;
            case SYNTHETIC -> Task.IMAGE;
        };
    }

    /** The canvas: the official 3x2 synthetic-task canvas for synthetic jobs, the 2x2 evaluation canvas otherwise. */
    public PromptLayout layout() {
        return kind == Kind.SYNTHETIC ? PromptLayout.GRID_3X2 : PromptLayout.GRID_2X2;
    }

    /** Whether the example outputs and the truth are masks (read as grayscale by the worker). */
    public boolean masks() {
        return kind == Kind.SEGMENTATION || kind == Kind.DETECTION;
    }

    /** The canvas the worker builds for this job (the official 2x2 or 3x2 layout), answer cell empty. */
    public Canvas canvas() {
        return build(null);
    }

    /** The same canvas with the true answer in its answer cell, as scoring compares against. */
    public Canvas canvasWithAnswer() {
        return build(truth);
    }

    private Canvas build(RgbImage answer) {
        CanvasBuilder builder = new CanvasBuilder();
        return kind == Kind.SYNTHETIC
                ? builder.grid3x2(examples, query, answer)
                : builder.grid2x2(
                        Arrangement.STANDARD,
                        examples.get(0)[0],
                        examples.get(0)[1],
                        query,
                        answer,
                        // the worker resizes detection cells bilinear, as the official detection evaluation
                        kind == Kind.DETECTION ? PilResize.Filter.BILINEAR : PilResize.Filter.BICUBIC);
    }

    /** A short human label, e.g. {@code segmentation} or {@code synthetic: size_color}. */
    public String label() {
        return kind == Kind.SYNTHETIC
                ? "synthetic: " + synthetic.name().toLowerCase(Locale.ROOT)
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
