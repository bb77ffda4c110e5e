package dev.vprompt.worker.internal.publish;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RepeatingRowsPng;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.AnswerFusion;
import dev.vprompt.engine.post.BinaryMask;
import dev.vprompt.engine.post.ColorRounding;
import dev.vprompt.engine.post.DetectionBox;
import dev.vprompt.engine.post.SegmentationMask;
import dev.vprompt.engine.score.ColorizationScore;
import dev.vprompt.engine.score.DetectionScore;
import dev.vprompt.engine.score.ScoringMode;
import dev.vprompt.engine.score.SegmentationScorer;
import dev.vprompt.engine.score.SegmentationScores;
import dev.vprompt.schemas.Box;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.config.PipelineSettings;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.internal.prompt.PreparedPrompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns model outputs into the objects a user gets back, per task, and scores them when the job carried a ground
 * truth:
 *
 * <ul>
 *   <li>every task, unless turned off ({@code pipeline.publishPrediction}; always for the 3x2 synthetic canvas,
 *       whose answer is scored from it): {@code prediction.png}, the canvas the model saw with the predicted patches
 *       pasted in (the prompt cells are the model's input, unchanged);
 *   <li>COLORIZATION, EDGES, IMAGE: {@code answer.png}, the answer cell resized to the query's own size;
 *   <li>SEGMENTATION: {@code mask.png}, the answer snapped to black/white (nearest colour) at the query's size;
 *       scores {@code iou}, {@code color_blind_iou}, {@code accuracy} (official scoring: with {@code round_image}
 *       for one canvas, as the official evaluation; without snapping for a fused answer, as prompt-SelF scores its
 *       ensemble) and {@code iou_exact} (nearest-colour snapping);
 *   <li>DETECTION: {@code mask.png} with the filled box of the largest component, and the box in query pixels;
 *       scores {@code iou}, {@code color_blind_iou} and {@code accuracy} of the box mask against the ground truth, as
 *       the official evaluation;
 *   <li>COLORIZATION: score {@code mse} as the official evaluation computes it.
 * </ul>
 *
 * Several canvases of one job (an ensemble, an example fusion) are fused as prompt-SelF fuses its ensemble
 * ({@link #fuse}) before any of this.
 *
 * <p>{@code prediction.png} is coded by a {@link RepeatingRowsPng}: the rows above the answer cell's first patch row
 * (the example pair, shared by the jobs of a labeling run) are compressed once per distinct content and reused; the
 * rows below are compressed or stored as configured.
 *
 * <p>Thread-safe: the only state is that bounded cache, which guards itself; runs on the CPU pool.
 */
public final class ResultRenderer {

    public static final String PNG = "image/png";

    private final boolean publishPrediction;
    private final RepeatingRowsPng predictionCoder;

    /** A renderer that publishes {@code prediction.png} too, coded as the worker codes it by default. */
    public ResultRenderer() {
        this(true, PipelineSettings.DEFAULT_PREDICTION_ROWS);
    }

    /**
     * @param publishPrediction whether to publish {@code prediction.png} (the pasted canvas) besides the answer
     * @param predictionRows how {@code prediction.png}'s rows below the example pair are coded
     */
    public ResultRenderer(boolean publishPrediction, RepeatingRowsPng.Tail predictionRows) {
        this.publishPrediction = publishPrediction;
        this.predictionCoder = new RepeatingRowsPng(RepeatingRowsPng.DEFAULT_CAPACITY, predictionRows);
    }

    public RenderedResult render(PromptJob job, PreparedPrompt prompt, List<InferenceOutput> outputs) {
        Cell cell = prompt.canvases().get(0).answerCell();
        RgbImage pasted = prompt.plan().fused()
                ? fuse(outputs, prompt.canvases(), prompt.plan().fusion())
                : outputs.get(0).pasted();
        int qw = prompt.queryWidth();
        int qh = prompt.queryHeight();

        List<PublishedObject> objects = new ArrayList<>();
        if (publishPrediction || job.getLayout() == PromptLayout.GRID_3X2) {
            objects.add(new PublishedObject("prediction", "prediction.png", predictionPng(pasted, cell), PNG));
        }

        Map<String, Double> scores = new LinkedHashMap<>();
        Box box = null;
        Task task = job.getTask();
        if (task == Task.SEGMENTATION) {
            BinaryMask mask = SegmentationMask.forQuery(pasted, cell, qw, qh, ColorRounding.NEAREST);
            objects.add(new PublishedObject("mask", "mask.png", maskPng(mask), PNG));
            if (prompt.truthCanvas() != null) {
                SegmentationScores official = prompt.plan().fused()
                        ? SegmentationScorer.scoreUnrounded(prompt.truthCanvas().image(), pasted, cell)
                        : SegmentationScorer.score(prompt.truthCanvas().image(), pasted, cell, ScoringMode.OFFICIAL);
                SegmentationScores exact =
                        SegmentationScorer.score(prompt.truthCanvas().image(), pasted, cell, ScoringMode.EXACT);
                scores.put("iou", official.iou());
                scores.put("color_blind_iou", official.colorBlindIou());
                scores.put("accuracy", official.accuracy());
                scores.put("iou_exact", exact.iou());
            }
        } else if (task == Task.DETECTION) {
            Optional<DetectionBox> found = DetectionBox.detect(pasted, cell, qw, qh, ColorRounding.NEAREST);
            BinaryMask mask = found.map(d -> d.queryMask(qw, qh)).orElse(BinaryMask.empty(qw, qh));
            objects.add(new PublishedObject("mask", "mask.png", maskPng(mask), PNG));
            if (found.isPresent()) {
                var q = found.get().queryBox();
                box = Box.newBuilder()
                        .setX(q.x())
                        .setY(q.y())
                        .setWidth(q.width())
                        .setHeight(q.height())
                        .build();
            }
            if (prompt.truthCanvas() != null) {
                SegmentationScores official =
                        DetectionScore.score(prompt.truthCanvas().image(), pasted, cell, ScoringMode.OFFICIAL);
                scores.put("iou", official.iou());
                scores.put("color_blind_iou", official.colorBlindIou());
                scores.put("accuracy", official.accuracy());
            }
        } else {
            objects.add(new PublishedObject(
                    "answer", "answer.png", PngCodec.encode(PilResize.bicubic(crop(pasted, cell), qw, qh)), PNG));
            if (task == Task.COLORIZATION && prompt.truthCanvas() != null) {
                scores.put("mse", ColorizationScore.mse(prompt.truthCanvas().image(), pasted, cell));
            }
        }
        return new RenderedResult(objects, box, scores);
    }

    /**
     * Several answers to one query fused into one ({@link AnswerFusion}): each output's own answer cell (the
     * arrangements put it in different quadrants, upright), fused by {@code rule}, pasted into the answer cell of the
     * first canvas's output (the A1 canvas of the first pair).
     */
    static RgbImage fuse(List<InferenceOutput> outputs, List<Canvas> canvases, AnswerFusion.Rule rule) {
        List<RgbImage> cells = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            cells.add(crop(outputs.get(i).pasted(), canvases.get(i).answerCell()));
        }
        RgbImage fused = AnswerFusion.fuse(cells, rule);
        RgbImage first = outputs.get(0).pasted();
        Cell target = canvases.get(0).answerCell();
        byte[] px = first.pixels().clone();
        for (int y = 0; y < target.height(); y++) {
            System.arraycopy(
                    fused.pixels(),
                    3 * y * target.width(),
                    px,
                    3 * ((target.y() + y) * first.width() + target.x()),
                    3 * target.width());
        }
        return new RgbImage(first.width(), first.height(), px);
    }

    /**
     * The pasted canvas as PNG; the model paints whole patches, so every row above the answer cell's first patch row
     * is the prompt as the job sent it.
     */
    private byte[] predictionPng(RgbImage pasted, Cell answerCell) {
        int unchangedRows = answerCell.y() / PatchMask.PATCH_SIZE * PatchMask.PATCH_SIZE;
        return predictionCoder.encode(pasted, unchangedRows);
    }

    /** A gray PNG of the mask, written from its bits (no RGB image of the query's size in between). */
    static byte[] maskPng(BinaryMask mask) {
        return PngCodec.encodeGray(mask.width(), mask.height(), mask.grayPixels());
    }

    static RgbImage crop(RgbImage image, Cell cell) {
        return image.crop(cell.x(), cell.y(), cell.width(), cell.height());
    }
}
