package dev.vprompt.cli.demo;

import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link DemoCase}s into {@link PromptJob}s: uploads their pictures as PNG (masks as grayscale PNG, which the
 * worker reads as Pillow's {@code L}) and references them. The ground truth goes with the job where the worker scores
 * it (segmentation, detection, colorization); synthetic tasks are scored by the client instead.
 *
 * <p>Thread-safe: stateless apart from the uploader, which is thread-safe.
 */
public final class DemoJobs {

    /** Attribute naming the demo kind of a job, copied into its completion event. */
    public static final String KIND_ATTRIBUTE = "demo.kind";

    private final ImageUploader uploader;
    private final String resultsBucket;
    private final String resultsPrefix;

    public DemoJobs(ImageUploader uploader, String resultsBucket, String resultsPrefix) {
        this.uploader = uploader;
        this.resultsBucket = resultsBucket;
        this.resultsPrefix = resultsPrefix;
    }

    /** Uploads the case's pictures and returns its job. */
    public PromptJob job(DemoCase c) {
        List<ExamplePair> examples = new ArrayList<>();
        for (RgbImage[] pair : c.examples()) {
            examples.add(JobTemplate.pair(upload(pair[0], false), upload(pair[1], c.masks())));
        }
        ObjectRef query = upload(c.query(), false);
        ObjectRef truth = c.kind() == DemoCase.Kind.SYNTHETIC ? null : upload(c.truth(), c.masks());
        JobTemplate template = new JobTemplate(
                c.task(),
                c.layout(),
                false,
                0,
                null,
                null,
                resultsBucket,
                resultsPrefix,
                Map.of(KIND_ATTRIBUTE, c.label()));
        return template.job(c.id(), examples, query, truth, Instant.now());
    }

    private ObjectRef upload(RgbImage image, boolean mask) {
        return uploader.upload(mask ? PngCodec.encodeGray(image) : PngCodec.encode(image), "png");
    }
}
