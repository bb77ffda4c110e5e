package dev.vprompt.cli.eval;

import dev.vprompt.cli.pool.PoolBuilder;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.retrieval.ExampleRef;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Pascal-5i one-shot segmentation: each episode ({@link PascalEpisodes}, a fresh generator per fold as the official
 * code seeds once per run of one fold) becomes a SEGMENTATION job on the official 2x2 canvas with the support image
 * and its class mask as the example, the query, and the query's class mask as the ground truth, so the worker
 * computes the official IoU. Images are uploaded as stored (JPEG), masks as grayscale PNG; each image and each
 * (image, class) mask is uploaded once.
 *
 * <p>Not thread-safe: confine to one thread (it caches uploaded references).
 */
public final class PascalEval implements EvalSuite {

    static final List<String> METRICS = List.of("iou", "color_blind_iou", "accuracy");

    private final PascalDataset dataset;
    private final List<Integer> folds;
    private final int episodes;
    private final long seed;
    private final AnswerOptions answers;
    private final EvalPools pools;
    private final Map<String, ObjectRef> uploaded = new HashMap<>();

    public PascalEval(PascalDataset dataset, List<Integer> folds, int episodes, long seed) {
        this(dataset, folds, episodes, seed, AnswerOptions.OFFICIAL, null);
    }

    /**
     * @param answers ensemble, supports per episode ({@code --examples}, drawn as the official support), or examples
     *     retrieved from a pool of the fold's entries (every (image, class) line of the fold, the query's own image
     *     never picked; the mask of a picked pair is its own class, as UnsupPR's cross-class pool)
     * @param pools builds the pools; required with {@link AnswerOptions.Retrieval#pool}
     */
    public PascalEval(
            PascalDataset dataset,
            List<Integer> folds,
            int episodes,
            long seed,
            AnswerOptions answers,
            EvalPools pools) {
        if (answers.retrieval() == AnswerOptions.Retrieval.pool && pools == null) {
            throw new IllegalArgumentException("retrieval from a pool needs a model to build the pool with");
        }
        this.dataset = dataset;
        this.folds = List.copyOf(folds);
        this.episodes = episodes;
        this.seed = seed;
        this.answers = answers;
        this.pools = pools;
    }

    @Override
    public String name() {
        return "pascal";
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<String> splits() {
        return folds.stream().map(f -> "fold" + f).toList();
    }

    @Override
    public List<PromptJob> jobs(
            String split, ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix) {
        int fold = Integer.parseInt(split.substring("fold".length()));
        JobTemplate template = EvalSuite.template(
                Task.SEGMENTATION, PromptLayout.GRID_2X2, answers.ensemble(), resultsBucket, resultsPrefix);
        List<PascalEntry> entries = dataset.fold(fold);
        boolean retrieved = answers.retrieval() == AnswerOptions.Retrieval.pool;
        int k = answers.examplesOr(1);
        ObjectRef pool = retrieved ? pool(entries, uploader) : null;
        List<PromptJob> jobs = new ArrayList<>(episodes);
        for (PascalEpisodes.Episode e : PascalEpisodes.sample(entries, episodes, seed, retrieved ? 1 : k)) {
            int cls = e.query().classId();
            List<ExamplePair> pairs = new ArrayList<>();
            if (!retrieved) {
                for (String support : e.supports()) {
                    pairs.add(JobTemplate.pair(image(uploader, support), mask(uploader, support, cls)));
                }
            }
            PromptJob job = template.job(
                    EvalSuite.jobId(idPrefix, e.index()),
                    pairs,
                    image(uploader, e.query().name()),
                    mask(uploader, e.query().name(), cls),
                    Instant.now());
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

    /** A pool of every entry of the fold: its image and its own class's mask. */
    private ObjectRef pool(List<PascalEntry> entries, ImageUploader uploader) {
        List<PoolBuilder.Pair> pairs = new ArrayList<>();
        Map<ExampleRef, String> names = new HashMap<>();
        for (PascalEntry e : new LinkedHashSet<>(entries)) {
            PoolBuilder.Pair p = EvalPools.pair(image(uploader, e.name()), mask(uploader, e.name(), e.classId()));
            pairs.add(p);
            names.put(p.input(), e.name());
        }
        ImageDecoder decoder = new ImageDecoder();
        return pools.upload(pairs, p -> decode(decoder, names.get(p.input())), uploader);
    }

    private RgbImage decode(ImageDecoder decoder, String name) {
        try {
            return decoder.decode(dataset.imageBytes(name));
        } catch (ImageDecodeException e) {
            throw new EvalDataException("image " + name + ": " + e.getMessage(), e);
        }
    }

    private ObjectRef image(ImageUploader uploader, String name) {
        return uploaded.computeIfAbsent("image/" + name, k -> uploader.upload(dataset.imageBytes(name), "jpg"));
    }

    private ObjectRef mask(ImageUploader uploader, String name, int classId) {
        return uploaded.computeIfAbsent(
                "mask/" + name + "/" + classId,
                k -> uploader.upload(PngCodec.encodeGray(dataset.binaryMask(name, classId)), "png"));
    }
}
