package dev.vprompt.cli.eval;

import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
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
 * Pascal VOC 2012 single-object detection as the official evaluation runs it ({@code evaluate_segmentation.py
 * --task detection --dataset_type pascal_det}): one episode per image of the filtered val split
 * ({@link DetectionEpisodes}), each a DETECTION job on the 2x2 canvas with the support image and its class's box mask
 * as the example, the query, and the query's box mask as the ground truth, all prepared as {@link DetectionCells}
 * (bilinear 111x111) and uploaded as PNG: the worker resizes DETECTION cells bilinear too, so the cells it gets are
 * the ones it would make, and they are a fraction of the originals' size. The worker keeps the largest white component's bounding box and computes
 * the official scores.
 *
 * <p>One difference from the released code, on purpose: its dataset indexes the filtered image lists through
 * {@code 2012_val_flattened_set.pth}, a list built over the unfiltered val split, so its queries are not the filtered
 * images in order (and its supports are drawn from a similarly re-indexed train list). Here query {@code i} is the
 * {@code i}-th filtered val image and the supports are the filtered train images, which is the protocol the paper
 * describes; the random draws are the official ones. Given that file ({@link FlattenedSet}), the released indexing is
 * reproduced instead.
 *
 * <p>Not thread-safe: confine to one thread (it caches uploaded references).
 */
public final class VocDetectionEval implements EvalSuite {

    static final List<String> METRICS = List.of("iou", "color_blind_iou", "accuracy");

    private final VocDetectionSet dataset;
    private final int episodes;
    private final ImageDecoder decoder = new ImageDecoder();
    private final Map<String, ObjectRef> uploaded = new HashMap<>();
    private final Map<String, int[]> decodedSizes = new HashMap<>();
    private final List<DetectionEpisodes.Episode> sampled;

    /**
     * @param episodes how many of the filtered val images to evaluate, or null for all of them (the official length)
     * @param flattened the released code's item-to-image lookup to reproduce its indexing, or null for the
     *     filtered lists in order
     */
    public VocDetectionEval(VocDetectionSet dataset, Integer episodes, long seed, FlattenedSet flattened) {
        this.dataset = dataset;
        List<VocImage> val = dataset.split("val");
        if (val.isEmpty()) {
            throw new EvalDataException("the val split keeps no single-object image below "
                    + VocDetectionSet.MAX_OBJECT_FRACTION + " of its area");
        }
        this.episodes = episodes == null ? val.size() : episodes;
        this.sampled = flattened == null
                ? DetectionEpisodes.sample(val, dataset.split("train"), this.episodes, seed)
                : DetectionEpisodes.sample(val, dataset.split("train"), this.episodes, seed, flattened::imageIndex);
    }

    @Override
    public String name() {
        return "detection";
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    /** The episodes this suite submits. */
    List<DetectionEpisodes.Episode> episodes() {
        return sampled;
    }

    @Override
    public List<PromptJob> jobs(
            String split, ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix) {
        JobTemplate template = EvalSuite.template(Task.DETECTION, PromptLayout.GRID_2X2, resultsBucket, resultsPrefix);
        List<PromptJob> jobs = new ArrayList<>(episodes);
        for (DetectionEpisodes.Episode e : sampled) {
            jobs.add(template.job(
                    EvalSuite.jobId(idPrefix, e.index()),
                    List.of(JobTemplate.pair(image(uploader, e.support()), mask(uploader, e.support(), e.classId()))),
                    image(uploader, e.query()),
                    mask(uploader, e.query(), e.classId()),
                    Instant.now()));
        }
        return jobs;
    }

    private ObjectRef image(ImageUploader uploader, VocImage image) {
        return uploaded.computeIfAbsent("image/" + image.name(), k -> {
            RgbImage photo;
            try {
                photo = decoder.decode(dataset.imageBytes(image.name()));
            } catch (ImageDecodeException e) {
                throw new EvalDataException("cannot decode image " + image.name() + ": " + e.getMessage(), e);
            }
            decodedSizes.put(image.name(), new int[] {photo.width(), photo.height()});
            return EvalSuite.png(uploader, DetectionCells.cell(photo));
        });
    }

    /** The box mask, drawn on the decoded picture's size as the official code draws it (call after image()). */
    private ObjectRef mask(ImageUploader uploader, VocImage image, int classId) {
        int[] size = decodedSizes.getOrDefault(image.name(), new int[] {image.width(), image.height()});
        return uploaded.computeIfAbsent(
                "mask/" + image.name() + "/" + classId,
                k -> uploader.upload(
                        PngCodec.encodeGray(DetectionCells.maskCell(size[0], size[1], image.objectsOf(classId))),
                        "png"));
    }
}
