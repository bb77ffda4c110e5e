package dev.vprompt.training.data;

import dev.vprompt.engine.image.RgbImage;
import java.util.random.RandomGenerator;

/** A rule whose parameters are fixed for one canvas: each call draws a new {@code {input, output}} pair of it. */
interface PairTask {

    /** A new pair; implementations draw only from {@code rnd}. */
    RgbImage[] pair(RandomGenerator rnd);
}
