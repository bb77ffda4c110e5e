package dev.vprompt.cli.demo;

import dev.vprompt.cli.report.JobEntry;
import dev.vprompt.client.Completion;
import dev.vprompt.client.ResultDownloader;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.ScoringMode;
import dev.vprompt.engine.score.SegmentationScores;
import dev.vprompt.engine.score.SyntheticScore;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.StageTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one demo job's results into the report folder: downloads the worker's outputs into
 * {@code <dir>/<jobId>/} (prediction, and answer or mask), writes the query and the ground truth next to them,
 * scores synthetic tasks with the official synthetic metric (the worker does not score plain image prompts) and
 * returns the job's {@link JobEntry}.
 *
 * <p>Thread-safe: stateless apart from the downloader, which is thread-safe; each call writes its own folder.
 */
public final class DemoResults {

    private static final Logger LOGGER = LoggerFactory.getLogger(DemoResults.class);

    /** Captions of the worker's outputs, by output file name, in display order. */
    private static final Map<String, String> OUTPUT_CAPTIONS = outputCaptions();

    private final ResultDownloader downloader;
    private final Path dir;

    public DemoResults(ResultDownloader downloader, Path dir) {
        this.downloader = downloader;
        this.dir = dir;
    }

    /** The entry of {@code c}; {@code completion} is null when none arrived. */
    public JobEntry collect(DemoCase c, Completion completion) throws IOException {
        Path jobDir = Files.createDirectories(dir.resolve(c.id()));
        Map<String, String> images = new LinkedHashMap<>();
        if (completion == null) {
            addLocal(images, c, jobDir);
            return new JobEntry(
                    c.id(), c.label(), JobEntry.NO_COMPLETION, "no completion arrived", images, Map.of(), Map.of(), 0);
        }
        PromptCompleted e = completion.event();
        Map<String, Double> scores = new LinkedHashMap<>(e.getScores());
        if (e.getStatus() == JobStatus.SUCCEEDED) {
            downloader.download(e, dir);
            for (String name : new String[] {"prediction.png", "answer.png", "mask.png"}) {
                if (Files.exists(jobDir.resolve(name))) {
                    images.put(OUTPUT_CAPTIONS.get(name), c.id() + "/" + name);
                }
            }
            if (c.kind() == DemoCase.Kind.SYNTHETIC) {
                scores.putAll(syntheticScores(c, jobDir.resolve("prediction.png")));
            }
        }
        addLocal(images, c, jobDir);
        String error = e.getError() == null
                ? null
                : e.getError().getCode() + ": " + e.getError().getMessage();
        return new JobEntry(
                c.id(),
                c.label(),
                e.getStatus().name(),
                error,
                images,
                scores,
                timings(e.getTimings()),
                e.getBatch().getSize());
    }

    private static Map<String, String> outputCaptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("prediction.png", "prediction (pasted canvas)");
        m.put("answer.png", "answer");
        m.put("mask.png", "mask / box");
        return m;
    }

    /** The canvas the model saw, rebuilt here from the same pictures (uploaded losslessly), and query and truth. */
    private static void addLocal(Map<String, String> images, DemoCase c, Path jobDir) throws IOException {
        Files.write(jobDir.resolve("canvas.png"), PngCodec.encode(c.canvas().image()));
        Files.write(jobDir.resolve("query.png"), PngCodec.encode(c.query()));
        Files.write(jobDir.resolve("truth.png"), PngCodec.encode(c.truth()));
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("canvas (what the model saw)", c.id() + "/canvas.png");
        ordered.putAll(images);
        ordered.put("query", c.id() + "/query.png");
        ordered.put("ground truth", c.id() + "/truth.png");
        images.clear();
        images.putAll(ordered);
    }

    /** The official synthetic-task scores of the pasted prediction against the canvas with the true answer. */
    static Map<String, Double> syntheticScores(DemoCase c, Path prediction) {
        try {
            RgbImage predicted = new ImageDecoder().decode(Files.readAllBytes(prediction));
            Canvas truth = c.canvasWithAnswer();
            SegmentationScores s = SyntheticScore.score(
                    truth.image(), predicted, truth.answerCell(), c.synthetic(), ScoringMode.OFFICIAL);
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("iou", s.iou());
            out.put("color_blind_iou", s.colorBlindIou());
            out.put("accuracy", s.accuracy());
            return out;
        } catch (IOException | ImageDecodeException | IllegalArgumentException e) {
            LOGGER.warn("cannot score synthetic job {}: {}", c.id(), e.getMessage());
            return Map.of();
        }
    }

    /** Stage timings in pipeline order. */
    public static Map<String, Long> timings(StageTimings t) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("queue", t.getQueueMs());
        m.put("fetch", t.getFetchMs());
        m.put("prepare", t.getPrepareMs());
        m.put("batch_wait", t.getBatchWaitMs());
        m.put("infer", t.getInferMs());
        m.put("publish", t.getPublishMs());
        m.put("total", t.getTotalMs());
        return m;
    }
}
