package dev.vprompt.training.data;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.training.scenes.ImageOps;
import dev.vprompt.training.scenes.ProceduralScenes;
import dev.vprompt.training.scenes.Scene;
import java.util.random.RandomGenerator;

/**
 * Prompts on {@link ProceduralScenes}: segmentation (scene to the mask of an object of the canvas's class), detection
 * (to its filled box) and colorization (greyscale to colour). Picture sides are drawn from 80 to 320 pixels, which
 * covers the demo's and the evaluation generators' sizes. Pictures the {@link HeldOut} reserves are drawn again.
 *
 * <p>Not thread-safe: confine to one thread.
 */
final class SceneTask implements PairTask {

    private static final int MIN_SIDE = 80;
    private static final int SIDE_RANGE = 241;

    private final Family family;
    private final int classId;
    private final HeldOut heldOut;

    SceneTask(Family family, RandomGenerator rnd, HeldOut heldOut) {
        this.family = family;
        this.classId = rnd.nextInt(ProceduralScenes.CLASS_COUNT);
        this.heldOut = heldOut;
    }

    @Override
    public RgbImage[] pair(RandomGenerator rnd) {
        while (true) {
            int cls = family == Family.COLORIZE ? rnd.nextInt(ProceduralScenes.CLASS_COUNT) : classId;
            int w = MIN_SIDE + rnd.nextInt(SIDE_RANGE);
            int h = MIN_SIDE + rnd.nextInt(SIDE_RANGE);
            Scene scene = ProceduralScenes.render(w, h, cls, rnd.nextInt(3) == 0, rnd);
            if (heldOut.reserves(scene.photo())) {
                continue;
            }
            return switch (family) {
                case SEGMENT -> new RgbImage[] {scene.photo(), scene.mask()};
                case DETECT -> new RgbImage[] {scene.photo(), scene.boxMask()};
                default -> new RgbImage[] {ImageOps.grayscale(scene.photo()), scene.photo()};
            };
        }
    }
}
