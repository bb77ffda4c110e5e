package dev.vprompt.cli.eval;

import dev.vprompt.client.Completion;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import io.minio.MinioClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation protocol: its splits (folds, tasks), the prompt jobs of a split's episodes, and how a completed
 * episode is scored. {@link EvalRunner} streams the jobs through a deployment split by split.
 *
 * <p>Implementations are not thread-safe: the runner calls them from one thread.
 */
public interface EvalSuite {

    /** The data set's name as the table and JSON show it. */
    String name();

    /** The metrics of an episode, the first being the headline (e.g. {@code iou}, {@code mse}). */
    List<String> metrics();

    /** The one split of a protocol that evaluates the val set as a whole. */
    List<String> VAL = List.of("val");

    /** The splits to evaluate, in order; {@link #VAL} unless the protocol has folds or tasks. */
    default List<String> splits() {
        return VAL;
    }

    /**
     * Uploads what the split's episodes need and returns their jobs, ids {@code <idPrefix>-<episode number>}.
     *
     * @param resultsPrefix where the worker writes the results, under the connection's results bucket
     */
    List<PromptJob> jobs(
            String split, ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix);

    /**
     * The scores of a succeeded episode (metric to value, NaN where undefined); by default the official scores the
     * worker computed against the job's ground truth ({@link #workerScores}).
     *
     * @param episode the episode number the job id ends with
     * @param s3 a client to read the job's outputs with
     */
    default Map<String, Double> score(String split, int episode, Completion completion, MinioClient s3)
            throws Exception {
        return workerScores(metrics(), completion);
    }

    /** What every episode job of a suite shares: the task and layout, results under the prefix, nothing else. */
    static JobTemplate template(Task task, PromptLayout layout, String resultsBucket, String resultsPrefix) {
        return template(task, layout, false, resultsBucket, resultsPrefix);
    }

    /** As {@link #template(Task, PromptLayout, String, String)}, with the prompt-SelF ensemble when asked. */
    static JobTemplate template(
            Task task, PromptLayout layout, boolean ensemble, String resultsBucket, String resultsPrefix) {
        return new JobTemplate(task, layout, ensemble, 0, null, null, resultsBucket, resultsPrefix, null);
    }

    /** The id of episode {@code index}: {@code <idPrefix>-0007}. */
    static String jobId(String idPrefix, int index) {
        return String.format(Locale.ROOT, "%s-%04d", idPrefix, index);
    }

    /** Uploads {@code image} as a (lossless) PNG. */
    static ObjectRef png(ImageUploader uploader, RgbImage image) {
        return uploader.upload(PngCodec.encode(image), "png");
    }

    /** The worker's scores of {@code metrics} from a completion, in that order (NaN where the worker gave none). */
    static Map<String, Double> workerScores(List<String> metrics, Completion completion) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach(m -> out.put(m, completion.event().getScores().getOrDefault(m, Double.NaN)));
        return out;
    }
}
