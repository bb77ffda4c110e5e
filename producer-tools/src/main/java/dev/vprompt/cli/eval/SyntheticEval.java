package dev.vprompt.cli.eval;

import dev.vprompt.cli.demo.SyntheticPairs;
import dev.vprompt.client.Completion;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.ScoringMode;
import dev.vprompt.engine.score.SegmentationScores;
import dev.vprompt.engine.score.SyntheticScore;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import io.minio.MinioClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic reasoning tasks as the official {@code evaluate_reasoning.py} runs each one (numpy's generator seeded
 * once per task): episode {@code i} draws its query pair, then for each of the two supports an (unused) dataset
 * index and the support pair; the 3x2 canvas holds the supports, then the query. Jobs are plain image prompts
 * ({@link Task#IMAGE}); the pasted prediction is downloaded and scored here with the official synthetic metric
 * against the canvas holding the true answer.
 *
 * <p>Not thread-safe: confine to one thread.
 */
public final class SyntheticEval implements EvalSuite {

    /** Size of the official synthetic datasets ({@code __len__}), the range of the support index draw. */
    static final int DATASET_LENGTH = 100;

    static final List<String> METRICS = List.of("iou", "color_blind_iou", "accuracy");

    /** One episode's pictures. */
    record Episode(List<RgbImage[]> supports, RgbImage query, RgbImage truth) {}

    private final List<SyntheticTask> tasks;
    private final int episodes;
    private final long seed;
    private final Map<String, List<Episode>> sampled = new LinkedHashMap<>();

    public SyntheticEval(List<SyntheticTask> tasks, int episodes, long seed) {
        this.tasks = List.copyOf(tasks);
        this.episodes = episodes;
        this.seed = seed;
    }

    /** Draws {@code count} episodes of {@code task} from a generator seeded {@code seed}. */
    static List<Episode> sample(SyntheticTask task, int count, long seed) {
        NumpyRandomState rnd = new NumpyRandomState(seed);
        List<Episode> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RgbImage[] query = SyntheticPairs.pair(task, rnd::randint);
            List<RgbImage[]> supports = new ArrayList<>();
            for (int k = 0; k < CanvasBuilder.GRID3X2_EXAMPLES; k++) {
                rnd.randint(0, DATASET_LENGTH);
                supports.add(SyntheticPairs.pair(task, rnd::randint));
            }
            out.add(new Episode(supports, query[0], query[1]));
        }
        return out;
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<String> splits() {
        return tasks.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public List<PromptJob> jobs(
            String split, ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix) {
        List<Episode> eps = sample(task(split), episodes, seed);
        sampled.clear(); // one split's pictures at a time: 100 episodes hold ~90 MB
        sampled.put(split, eps);
        JobTemplate template = EvalSuite.template(Task.IMAGE, PromptLayout.GRID_3X2, resultsBucket, resultsPrefix);
        List<PromptJob> jobs = new ArrayList<>();
        for (int i = 0; i < eps.size(); i++) {
            Episode e = eps.get(i);
            List<ExamplePair> pairs = new ArrayList<>();
            for (RgbImage[] s : e.supports()) {
                pairs.add(JobTemplate.pair(EvalSuite.png(uploader, s[0]), EvalSuite.png(uploader, s[1])));
            }
            jobs.add(template.job(
                    EvalSuite.jobId(idPrefix, i), pairs, EvalSuite.png(uploader, e.query()), null, Instant.now()));
        }
        return jobs;
    }

    @Override
    public Map<String, Double> score(String split, int episode, Completion c, MinioClient s3) throws Exception {
        RgbImage predicted = Outputs.image(c, "prediction", s3);
        return score(task(split), sampled.get(split).get(episode), predicted);
    }

    static Map<String, Double> score(SyntheticTask task, Episode e, RgbImage predicted) {
        Canvas truth = new CanvasBuilder().grid3x2(e.supports(), e.query(), e.truth());
        SegmentationScores s =
                SyntheticScore.score(truth.image(), predicted, truth.answerCell(), task, ScoringMode.OFFICIAL);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("iou", s.iou());
        out.put("color_blind_iou", s.colorBlindIou());
        out.put("accuracy", s.accuracy());
        return out;
    }

    private static SyntheticTask task(String split) {
        return SyntheticTask.valueOf(split.toUpperCase(Locale.ROOT));
    }
}
