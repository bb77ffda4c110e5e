package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.Box;
import dev.vprompt.schemas.UsedExample;
import java.util.List;
import java.util.Map;

/**
 * A job's outputs after post-processing, ready to be written.
 *
 * @param box the detected box in the query's pixel space, or null
 * @param scores metrics against the ground truth when the job carried one (e.g. {@code iou})
 * @param examples the example pairs the answer was made from, for the completion event
 * @param examplePoolVersion the version of the pool they were picked from, or null
 */
public record RenderedResult(
        List<PublishedObject> objects,
        Box box,
        Map<String, Double> scores,
        List<UsedExample> examples,
        String examplePoolVersion) {

    public RenderedResult {
        examples = List.copyOf(examples);
    }

    /** A result that names no examples. */
    public RenderedResult(List<PublishedObject> objects, Box box, Map<String, Double> scores) {
        this(objects, box, scores, List.of(), null);
    }

    /** This result, naming the examples it was made from. */
    public RenderedResult withExamples(List<UsedExample> used, String poolVersion) {
        return new RenderedResult(objects, box, scores, used, poolVersion);
    }

    /** Encoded bytes of the objects to write. */
    public long bytes() {
        return objects.stream().mapToLong(o -> o.bytes().length).sum();
    }
}
