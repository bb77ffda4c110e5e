package dev.vprompt.worker.internal.publish;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
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
 *       scores {@code iou}, {@code color_blind_iou}, {@code accuracy} (official scoring) and {@code iou_exact};
 *   <li>DETECTION: {@code mask.png} with the filled box of the largest component, and the box in query pixels;
 *       scores {@code iou}, {@code color_blind_iou} and {@code accuracy} of the box mask against the ground truth, as
 *       the official evaluation;
 *   <li>COLORIZATION: score {@code mse} as the official evaluation computes it.
 * </ul>
 *
 * An ensemble (several canvases for one job) is combined by averaging the predicted answer cells. Stateless and
 * thread-safe; runs on the CPU pool.
 */
public final class ResultRenderer {

    public static final String PNG = "image/png";

    private final boolean publishPrediction;

    /** A renderer that publishes {@code prediction.png} too. */
    public ResultRenderer() {
        this(true);
    }

    /** @param publishPrediction whether to publish {@code prediction.png} (the pasted canvas) besides the answer */
    public ResultRenderer(boolean publishPrediction) {
        this.publishPrediction = publishPrediction;
    }

    public RenderedResult render(PromptJob job, PreparedPrompt prompt, List<InferenceOutput> outputs) {
        Cell cell = prompt.canvases().get(0).answerCell();
        RgbImage pasted = combine(outputs, prompt.canvases());
        int qw = prompt.queryWidth();
        int qh = prompt.queryHeight();

        List<PublishedObject> objects = new ArrayList<>();
        if (publishPrediction || job.getLayout() == PromptLayout.GRID_3X2) {
            objects.add(new PublishedObject("prediction", "prediction.png", PngCodec.encode(pasted), PNG));
        }

        Map<String, Double> scores = new LinkedHashMap<>();
        Box box = null;
        Task task = job.getTask();
        if (task == Task.SEGMENTATION) {
            BinaryMask mask = SegmentationMask.forQuery(pasted, cell, qw, qh, ColorRounding.NEAREST);
            objects.add(new PublishedObject("mask", "mask.png", maskPng(mask), PNG));
            if (prompt.truthCanvas() != null) {
                SegmentationScores official =
                        SegmentationScorer.score(prompt.truthCanvas().image(), pasted, cell, ScoringMode.OFFICIAL);
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
     * One output, or for an ensemble the pixel-wise mean of every output's own answer cell (arrangements put the
     * answer in different quadrants), written into the first canvas's answer cell.
     */
    static RgbImage combine(List<InferenceOutput> outputs, List<Canvas> canvases) {
        RgbImage first = outputs.get(0).pasted();
        if (outputs.size() == 1) {
            return first;
        }
        Cell target = canvases.get(0).answerCell();
        byte[] px = first.pixels().clone();
        int n = outputs.size();
        for (int dy = 0; dy < target.height(); dy++) {
            for (int dx = 0; dx < target.width(); dx++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int i = 0; i < n; i++) {
                        Cell own = canvases.get(i).answerCell();
                        sum += outputs.get(i).pasted().get(own.x() + dx, own.y() + dy, c);
                    }
                    px[3 * ((target.y() + dy) * first.width() + target.x() + dx) + c] = (byte) ((sum + n / 2) / n);
                }
            }
        }
        return new RgbImage(first.width(), first.height(), px);
    }

    /** A gray PNG of the mask, written from its bits (no RGB image of the query's size in between). */
    static byte[] maskPng(BinaryMask mask) {
        return PngCodec.encodeGray(mask.width(), mask.height(), mask.grayPixels());
    }

    static RgbImage crop(RgbImage image, Cell cell) {
        byte[] px = new byte[3 * cell.width() * cell.height()];
        for (int y = 0; y < cell.height(); y++) {
            System.arraycopy(
                    image.pixels(),
                    3 * ((cell.y() + y) * image.width() + cell.x()),
                    px,
                    3 * y * cell.width(),
                    3 * cell.width());
        }
        return new RgbImage(cell.width(), cell.height(), px);
    }
}
