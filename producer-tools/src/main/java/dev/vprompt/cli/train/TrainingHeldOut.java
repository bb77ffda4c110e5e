package dev.vprompt.cli.train;

import dev.vprompt.cli.demo.DemoCase;
import dev.vprompt.cli.demo.DemoCommand;
import dev.vprompt.cli.demo.DemoData;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.training.data.HeldOut;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code vp train} keeps out of its canvases: the official synthetic episodes of numpy seeds 0-9
 * ({@link HeldOut#defaults()}) and every picture of the first {@value #DEMO_CASES} demo jobs of the demo's default
 * seed (examples, queries and answers), so that neither {@code vp eval --dataset synthetic} nor {@code vp demo}
 * measures the model on a picture it was trained on.
 *
 * <p>Thread-safe: stateless.
 */
final class TrainingHeldOut {

    /** Demo jobs whose pictures are held out: more than any demo run asks for by default. */
    static final int DEMO_CASES = 512;

    private TrainingHeldOut() {}

    static HeldOut build() {
        return HeldOut.defaults().withPictures(demoPictures(DEMO_CASES, DemoCommand.DEFAULT_SEED));
    }

    /** Every picture of the first {@code count} demo jobs of {@code seed}. */
    static List<RgbImage> demoPictures(int count, long seed) {
        List<RgbImage> out = new ArrayList<>();
        for (DemoCase c : DemoData.cases(count, seed)) {
            for (RgbImage[] pair : c.examples()) {
                out.add(pair[0]);
                out.add(pair[1]);
            }
            out.add(c.query());
            out.add(c.truth());
        }
        return out;
    }
}
