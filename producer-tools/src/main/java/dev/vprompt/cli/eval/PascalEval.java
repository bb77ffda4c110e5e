package dev.vprompt.cli.eval;

import dev.vprompt.cli.client.Completion;
import dev.vprompt.cli.client.ImageUploader;
import dev.vprompt.cli.client.JobTemplate;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Pascal-5i fold as prompt jobs: each episode becomes a SEGMENTATION job on the official 2x2 canvas with the
 * support image and its class mask as the example, the query as the query and the query's class mask as the ground
 * truth, so the worker computes the official IoU. Images are uploaded as stored (JPEG), masks as grayscale PNG; each
 * image and each (image, class) mask is uploaded once.
 *
 * <p>Not thread-safe: confine to one thread (it caches uploaded references).
 */
public final class PascalEval {

    private final PascalDataset dataset;
    private final ImageUploader uploader;
    private final JobTemplate template;
    private final Map<String, ObjectRef> uploaded = new HashMap<>();

    public PascalEval(PascalDataset dataset, ImageUploader uploader, String resultsBucket, String resultsPrefix) {
        this.dataset = dataset;
        this.uploader = uploader;
        this.template = new JobTemplate(
                Task.SEGMENTATION, PromptLayout.GRID_2X2, false, 0, null, null, resultsBucket, resultsPrefix, null);
    }

    /** The jobs of {@code episodes}, ids {@code <idPrefix>-<episode>}, in episode order. */
    public List<PromptJob> jobs(List<PascalEpisodes.Episode> episodes, String idPrefix) {
        List<PromptJob> jobs = new ArrayList<>(episodes.size());
        for (PascalEpisodes.Episode e : episodes) {
            int cls = e.query().classId();
            jobs.add(template.job(
                    jobId(idPrefix, e.index()),
                    List.of(JobTemplate.pair(image(e.support()), mask(e.support(), cls))),
                    image(e.query().name()),
                    mask(e.query().name(), cls),
                    Instant.now()));
        }
        return jobs;
    }

    /** The id of episode {@code index}. */
    public static String jobId(String idPrefix, int index) {
        return String.format(Locale.ROOT, "%s-%04d", idPrefix, index);
    }

    /** The official scores the worker put in a succeeded episode's completion. */
    public static SplitResult.EpisodeScores scores(Completion c) {
        PromptCompleted e = c.event();
        return new SplitResult.EpisodeScores(
                e.getScores().getOrDefault("iou", Double.NaN),
                e.getScores().getOrDefault("color_blind_iou", Double.NaN),
                e.getScores().getOrDefault("accuracy", Double.NaN));
    }

    private ObjectRef image(String name) {
        return uploaded.computeIfAbsent("image/" + name, k -> uploader.upload(dataset.imageBytes(name), "jpg"));
    }

    private ObjectRef mask(String name, int classId) {
        return uploaded.computeIfAbsent(
                "mask/" + name + "/" + classId,
                k -> uploader.upload(PngCodec.encodeGray(dataset.binaryMask(name, classId)), "png"));
    }
}
