package dev.vprompt.cli.eval;

import dev.vprompt.client.Completion;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.schemas.PromptJob;
import io.minio.MinioClient;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The splits to evaluate, in order. */
    List<String> splits();

    /**
     * Uploads what the split's episodes need and returns their jobs, ids {@code <idPrefix>-<episode number>}.
     *
     * @param resultsPrefix where the worker writes the results, under the connection's results bucket
     */
    List<PromptJob> jobs(
            String split, ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix);

    /**
     * The scores of a succeeded episode (metric to value, NaN where undefined).
     *
     * @param episode the episode number the job id ends with
     * @param s3 a client to read the job's outputs with
     */
    Map<String, Double> score(String split, int episode, Completion completion, MinioClient s3) throws Exception;

    /** The worker's scores of {@code metrics} from a completion, in that order (NaN where the worker gave none). */
    static Map<String, Double> workerScores(List<String> metrics, Completion completion) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach(m -> out.put(m, completion.event().getScores().getOrDefault(m, Double.NaN)));
        return out;
    }
}
