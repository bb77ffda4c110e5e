package dev.vprompt.training.data;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.scenes.SyntheticPairs;
import java.util.random.RandomGenerator;

/**
 * One of the paper's six synthetic tasks with geometries drawn from the training generator; a geometry or a picture
 * the {@link HeldOut} reserves (every pair of the evaluation's episodes) is drawn again, so no evaluation pair is ever
 * a training pair.
 *
 * <p>Not thread-safe: confine to one thread.
 */
final class OfficialTask implements PairTask {

    private final SyntheticTask task;
    private final HeldOut heldOut;

    OfficialTask(RandomGenerator rnd, HeldOut heldOut) {
        this.task = SyntheticTask.values()[rnd.nextInt(SyntheticTask.values().length)];
        this.heldOut = heldOut;
    }

    SyntheticTask task() {
        return task;
    }

    @Override
    public RgbImage[] pair(RandomGenerator rnd) {
        while (true) {
            SyntheticPairs.Geometry g = SyntheticPairs.draw(task, (lo, hi) -> lo + rnd.nextInt(hi - lo));
            if (heldOut.reserves(g)) {
                continue;
            }
            RgbImage[] pair = SyntheticPairs.render(g);
            if (!heldOut.reserves(pair[0]) && !heldOut.reserves(pair[1])) {
                return pair;
            }
        }
    }
}
