package dev.vprompt.cli.demo;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.scenes.ImageOps;
import dev.vprompt.training.scenes.ProceduralScenes;
import dev.vprompt.training.scenes.Scene;
import dev.vprompt.training.scenes.SyntheticPairs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Generates the demo's jobs procedurally, with no downloads: segmentation and detection prompts on
 * {@link ProceduralScenes} (support and query of the same object class), colorization prompts (grayscale picture to
 * colour picture) and the paper's synthetic colour / shape / size tasks ({@link SyntheticPairs}) on the 3x2 canvas
 * with two example pairs.
 *
 * <p>Kinds repeat in a fixed pattern of eight ({@value #PATTERN}), synthetic tasks cycle through all six, so the
 * first four jobs already show every kind. Equal seeds give equal cases.
 *
 * <p>Thread-safe: stateless.
 */
public final class DemoData {

    /** The repeating order of kinds: S segmentation, Y synthetic, D detection, C colorization. */
    public static final String PATTERN = "SYDCSYSY";

    private static final int MIN_SIDE = 80;
    private static final int SIDE_RANGE = 81;

    private DemoData() {}

    /** {@code count} demo cases from {@code seed}. */
    public static List<DemoCase> cases(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<DemoCase> out = new ArrayList<>(count);
        int synthetic = 0;
        for (int i = 0; i < count; i++) {
            char k = PATTERN.charAt(i % PATTERN.length());
            SplittableRandom r = rnd.split();
            DemoCase c = switch (k) {
                case 'S' -> segmentation(id(i, "segmentation"), r);
                case 'D' -> detection(id(i, "detection"), r);
                case 'C' -> colorization(id(i, "colorization"), r);
                default ->
                    synthetic(
                            id(i, "synthetic"), SyntheticTask.values()[synthetic++ % SyntheticTask.values().length], r);
            };
            out.add(c);
        }
        return out;
    }

    private static String id(int index, String kind) {
        return String.format(Locale.ROOT, "demo-%03d-%s", index + 1, kind);
    }

    static DemoCase segmentation(String id, SplittableRandom rnd) {
        return sameClassPair(id, DemoCase.Kind.SEGMENTATION, Scene::mask, rnd);
    }

    static DemoCase detection(String id, SplittableRandom rnd) {
        return sameClassPair(id, DemoCase.Kind.DETECTION, Scene::boxMask, rnd);
    }

    /** Support and query scenes of one random class, each labelled by {@code label} (its mask or its box). */
    private static DemoCase sameClassPair(
            String id, DemoCase.Kind kind, Function<Scene, RgbImage> label, SplittableRandom rnd) {
        int cls = rnd.nextInt(ProceduralScenes.CLASS_COUNT);
        Scene support = scene(cls, rnd);
        Scene query = scene(cls, rnd);
        return new DemoCase(
                id,
                kind,
                null,
                List.<RgbImage[]>of(new RgbImage[] {support.photo(), label.apply(support)}),
                query.photo(),
                label.apply(query));
    }

    static DemoCase colorization(String id, SplittableRandom rnd) {
        RgbImage support = scene(rnd.nextInt(ProceduralScenes.CLASS_COUNT), rnd).photo();
        RgbImage query = scene(rnd.nextInt(ProceduralScenes.CLASS_COUNT), rnd).photo();
        return new DemoCase(
                id,
                DemoCase.Kind.COLORIZATION,
                null,
                List.<RgbImage[]>of(new RgbImage[] {ImageOps.grayscale(support), support}),
                ImageOps.grayscale(query),
                query);
    }

    static DemoCase synthetic(String id, SyntheticTask task, SplittableRandom rnd) {
        List<RgbImage[]> examples = new ArrayList<>();
        examples.add(SyntheticPairs.pair(task, (lo, hi) -> lo + rnd.nextInt(hi - lo)));
        examples.add(SyntheticPairs.pair(task, (lo, hi) -> lo + rnd.nextInt(hi - lo)));
        RgbImage[] query = SyntheticPairs.pair(task, (lo, hi) -> lo + rnd.nextInt(hi - lo));
        return new DemoCase(id, DemoCase.Kind.SYNTHETIC, task, examples, query[0], query[1]);
    }

    private static Scene scene(int cls, SplittableRandom rnd) {
        int w = MIN_SIDE + rnd.nextInt(SIDE_RANGE);
        int h = MIN_SIDE + rnd.nextInt(SIDE_RANGE);
        return ProceduralScenes.render(w, h, cls, rnd.nextInt(3) == 0, rnd);
    }
}
