package dev.vprompt.cli.eval;

import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final Map<String, ObjectRef> uploaded = new HashMap<>();

    public PascalEval(PascalDataset dataset, List<Integer> folds, int episodes, long seed) {
        this.dataset = dataset;
        this.folds = List.copyOf(folds);
        this.episodes = episodes;
        this.seed = seed;
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
        JobTemplate template =
                EvalSuite.template(Task.SEGMENTATION, PromptLayout.GRID_2X2, resultsBucket, resultsPrefix);
        List<PromptJob> jobs = new ArrayList<>(episodes);
        for (PascalEpisodes.Episode e : PascalEpisodes.sample(dataset.fold(fold), episodes, seed)) {
            int cls = e.query().classId();
            jobs.add(template.job(
                    EvalSuite.jobId(idPrefix, e.index()),
                    List.of(JobTemplate.pair(image(uploader, e.support()), mask(uploader, e.support(), cls))),
                    image(uploader, e.query().name()),
                    mask(uploader, e.query().name(), cls),
                    Instant.now()));
        }
        return jobs;
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
