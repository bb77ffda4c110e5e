package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.Box;
import java.util.List;
import java.util.Map;

/**
 * A job's outputs after post-processing, ready to be written.
 *
 * @param box the detected box in the query's pixel space, or null
 * @param scores metrics against the ground truth when the job carried one (e.g. {@code iou})
 */
public record RenderedResult(List<PublishedObject> objects, Box box, Map<String, Double> scores) {

    /** Encoded bytes of the objects to write. */
    public long bytes() {
        return objects.stream().mapToLong(o -> o.bytes().length).sum();
    }
}
