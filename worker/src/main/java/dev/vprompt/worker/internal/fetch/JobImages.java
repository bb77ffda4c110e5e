package dev.vprompt.worker.internal.fetch;

import dev.vprompt.schemas.Task;
import java.util.List;

/**
 * The images a job references.
 *
 * @param examples per example pair: {input, output}
 * @param query the encoded query
 * @param groundTruth the encoded expected answer for scoring, or null
 */
public record JobImages(List<FetchedImage[]> examples, byte[] query, byte[] groundTruth) {

    /** Whether the job's example outputs and ground truth are masks (read as PIL's 'L' mode). */
    public static boolean outputsAreMasks(Task task) {
        return task == Task.SEGMENTATION || task == Task.DETECTION;
    }
}
