package dev.vprompt.cli.eval;

import dev.vprompt.cli.pool.PoolBuilder;
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
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.training.scenes.NumpyRandomState;
import dev.vprompt.training.scenes.SyntheticEpisodes;
import dev.vprompt.training.scenes.SyntheticPairs;
import io.minio.MinioClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    static final List<String> METRICS = List.of("iou", "color_blind_iou", "accuracy");

    /** One episode's pictures. */
    record Episode(List<RgbImage[]> supports, RgbImage query, RgbImage truth) {}

    /** Seed offset of the generator of a retrieval pool's candidates, apart from the episodes' generator. */
    static final long POOL_SEED_OFFSET = 1_000_003L;

    /** Candidate pairs in a retrieval pool: as many as the official dataset length. */
    static final int POOL_SIZE = SyntheticEpisodes.DATASET_LENGTH;

    private final List<SyntheticTask> tasks;
    private final int episodes;
    private final long seed;
    private final AnswerOptions answers;
    private final EvalPools pools;
    private final Map<String, List<Episode>> sampled = new LinkedHashMap<>();

    public SyntheticEval(List<SyntheticTask> tasks, int episodes, long seed) {
        this(tasks, episodes, seed, AnswerOptions.OFFICIAL, null);
    }

    /**
     * @param answers the official 3x2 canvas with two supports unless: {@code --examples k} with k other than two, or
     *     {@code --ensemble} (one support unless {@code --examples}), put each support pair on its own 2x2 canvas
     *     (one canvas per pair, or eight with the ensemble, the answers fused);
     *     {@code --retrieval pool} lets the worker pick the k pairs from a pool of {@value #POOL_SIZE} pairs of the
     *     task generated with seed {@code seed + POOL_SEED_OFFSET}. The episodes' queries are the same either way.
     * @param pools builds the pools; required with {@link AnswerOptions.Retrieval#pool}
     */
    public SyntheticEval(List<SyntheticTask> tasks, int episodes, long seed, AnswerOptions answers, EvalPools pools) {
        if (answers.retrieval() == AnswerOptions.Retrieval.pool && pools == null) {
            throw new IllegalArgumentException("retrieval from a pool needs a model to build the pool with");
        }
        this.tasks = List.copyOf(tasks);
        this.episodes = episodes;
        this.seed = seed;
        this.answers = answers;
        this.pools = pools;
    }

    /** Draws {@code count} episodes of {@code task} with two supports from a generator seeded {@code seed}. */
    static List<Episode> sample(SyntheticTask task, int count, long seed) {
        return sample(task, count, seed, CanvasBuilder.GRID3X2_EXAMPLES);
    }

    /** As {@link #sample(SyntheticTask, int, long)} with {@code supports} supports per episode. */
    static List<Episode> sample(SyntheticTask task, int count, long seed, int supports) {
        return SyntheticEpisodes.sample(task, count, seed, supports).stream()
                .map(e -> new Episode(e.supports(), e.query(), e.truth()))
                .toList();
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

    /** Support pairs per episode: two (the 3x2 canvas), one with the ensemble, or {@code --examples}. */
    int supports() {
        return answers.examplesOr(answers.ensemble() ? 1 : CanvasBuilder.GRID3X2_EXAMPLES);
    }

    /** Whether the episodes run on the official 3x2 canvas. */
    boolean grid3x2() {
        return !answers.ensemble() && supports() == CanvasBuilder.GRID3X2_EXAMPLES;
    }

    @Override
    public List<PromptJob> jobs(
            String split, ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix) {
        int k = supports();
        // at least the official two supports are drawn, so every variant sees the official queries
        List<Episode> eps = sample(task(split), episodes, seed, Math.max(k, CanvasBuilder.GRID3X2_EXAMPLES));
        sampled.clear(); // one split's pictures at a time: 100 episodes hold ~90 MB
        sampled.put(split, eps);
        JobTemplate template = EvalSuite.template(
                Task.IMAGE,
                grid3x2() ? PromptLayout.GRID_3X2 : PromptLayout.GRID_2X2,
                answers.ensemble(),
                resultsBucket,
                resultsPrefix);
        boolean retrieved = answers.retrieval() == AnswerOptions.Retrieval.pool;
        ObjectRef pool = retrieved ? pool(task(split), uploader) : null;
        List<PromptJob> jobs = new ArrayList<>();
        for (int i = 0; i < eps.size(); i++) {
            Episode e = eps.get(i);
            List<ExamplePair> pairs = new ArrayList<>();
            if (!retrieved) {
                for (RgbImage[] s : e.supports().subList(0, k)) {
                    pairs.add(JobTemplate.pair(EvalSuite.png(uploader, s[0]), EvalSuite.png(uploader, s[1])));
                }
            }
            PromptJob job = template.job(
                    EvalSuite.jobId(idPrefix, i), pairs, EvalSuite.png(uploader, e.query()), null, Instant.now());
            jobs.add(
                    retrieved
                            ? PromptJob.newBuilder(job)
                                    .setExamplePool(pool)
                                    .setK(k)
                                    .build()
                            : job);
        }
        return jobs;
    }

    /** A pool of generated pairs of {@code task}, from their own generator. */
    private ObjectRef pool(SyntheticTask task, ImageUploader uploader) {
        NumpyRandomState rnd = new NumpyRandomState(seed + POOL_SEED_OFFSET);
        List<PoolBuilder.Pair> pairs = new ArrayList<>();
        Map<PoolBuilder.Pair, RgbImage> inputs = new HashMap<>();
        for (int i = 0; i < POOL_SIZE; i++) {
            RgbImage[] p = SyntheticPairs.pair(task, rnd::randint);
            PoolBuilder.Pair pair = EvalPools.pair(EvalSuite.png(uploader, p[0]), EvalSuite.png(uploader, p[1]));
            if (inputs.putIfAbsent(pair, p[0]) == null) {
                pairs.add(pair);
            }
        }
        return pools.upload(pairs, inputs::get, uploader);
    }

    @Override
    public Map<String, Double> score(String split, int episode, Completion c, MinioClient s3) throws Exception {
        RgbImage predicted = Outputs.image(c, "prediction", s3);
        return score(task(split), sampled.get(split).get(episode), predicted, grid3x2());
    }

    static Map<String, Double> score(SyntheticTask task, Episode e, RgbImage predicted) {
        return score(task, e, predicted, true);
    }

    /**
     * The official synthetic metric of the answer cell: of the 3x2 canvas, or of the 2x2 canvas (A1, where a fused
     * answer is pasted). Only the answer cell is compared, so the supports drawn into the truth canvas do not matter.
     */
    static Map<String, Double> score(SyntheticTask task, Episode e, RgbImage predicted, boolean grid3x2) {
        CanvasBuilder builder = new CanvasBuilder();
        Canvas truth = grid3x2 && e.supports().size() == CanvasBuilder.GRID3X2_EXAMPLES
                ? builder.grid3x2(e.supports(), e.query(), e.truth())
                : builder.grid2x2(e.supports().get(0)[0], e.supports().get(0)[1], e.query(), e.truth());
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
