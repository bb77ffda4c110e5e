package dev.vprompt.training.data;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The training canvases: an endless, seeded stream in which canvas {@code i} depends only on the seed and {@code i}
 * (so a data set is a seed and a range of indices, and any canvas regenerates on demand). Each canvas draws a
 * {@link Family} by its share, a layout (the official 3x2 grid of 74x74 bilinear cells on black, or the 2x2 grid of
 * 111x111 cells on white, bicubic, bilinear for detection as the official detection evaluation, in the standard
 * arrangement three times out of four and another one otherwise), one rule, and as many pairs of it as the layout
 * holds; everything goes through the engine's {@link CanvasBuilder}, exactly as the worker builds canvases.
 *
 * <p>Thread-safe: immutable; every call draws from its own generator.
 */
public final class CanvasGenerator {

    private static final double STANDARD_ARRANGEMENT = 0.75;

    private final long seed;
    private final long offset;
    private final HeldOut heldOut;
    private final Map<Family, Integer> shares;
    private final Family[] families;
    private final int[] cumulative;

    /**
     * @param shares weight per family (families absent or with weight 0 are not drawn)
     */
    public CanvasGenerator(long seed, HeldOut heldOut, Map<Family, Integer> shares) {
        this(seed, 0, heldOut, shares);
    }

    private CanvasGenerator(long seed, long offset, HeldOut heldOut, Map<Family, Integer> shares) {
        this.seed = seed;
        this.offset = offset;
        this.shares = Map.copyOf(shares);
        this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
        List<Family> fs = new ArrayList<>();
        List<Integer> cum = new ArrayList<>();
        int total = 0;
        for (Family f : Family.values()) {
            int w = shares.getOrDefault(f, 0);
            if (w < 0) {
                throw new IllegalArgumentException("negative share for " + f);
            }
            if (w > 0) {
                total += w;
                fs.add(f);
                cum.add(total);
            }
        }
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("no family has a positive share");
        }
        this.families = fs.toArray(Family[]::new);
        this.cumulative = cum.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same stream from position {@code by} on: canvas {@code i} of the result is canvas {@code by + i} here. */
    public CanvasGenerator shifted(long by) {
        return new CanvasGenerator(seed, offset + by, heldOut, shares);
    }

    /** The default mixture ({@link Family#share()}). */
    public static Map<Family, Integer> defaultShares() {
        Map<Family, Integer> m = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            m.put(f, f.share());
        }
        return m;
    }

    /** Canvas {@code index} of the stream. */
    public TrainingCanvas sample(long index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + offset + index);
        Family family = draw(rnd.nextInt(cumulative[cumulative.length - 1]));
        PairTask task = switch (family) {
            case OFFICIAL -> new OfficialTask(rnd, heldOut);
            case SEGMENT, DETECT, COLORIZE -> new SceneTask(family, rnd, heldOut);
            default -> new FigureTask(family, rnd, heldOut);
        };
        boolean grid3x2 = rnd.nextDouble() < family.grid3x2();
        CanvasBuilder builder = new CanvasBuilder();
        Canvas canvas;
        if (grid3x2) {
            List<RgbImage[]> examples = new ArrayList<>();
            for (int i = 0; i < CanvasBuilder.GRID3X2_EXAMPLES; i++) {
                examples.add(task.pair(rnd));
            }
            RgbImage[] query = task.pair(rnd);
            canvas = builder.grid3x2(examples, query[0], query[1]);
        } else {
            Arrangement arrangement = rnd.nextDouble() < STANDARD_ARRANGEMENT
                    ? Arrangement.STANDARD
                    : Arrangement.values()[rnd.nextInt(Arrangement.values().length)];
            RgbImage[] example = task.pair(rnd);
            RgbImage[] query = task.pair(rnd);
            PilResize.Filter filter = family == Family.DETECT ? PilResize.Filter.BILINEAR : PilResize.Filter.BICUBIC;
            canvas = builder.grid2x2(arrangement, example[0], example[1], query[0], query[1], filter);
        }
        return new TrainingCanvas(offset + index, family, canvas);
    }

    private Family draw(int ticket) {
        for (int i = 0; i < cumulative.length; i++) {
            if (ticket < cumulative[i]) {
                return families[i];
            }
        }
        throw new IllegalStateException("ticket " + ticket + " beyond the mixture");
    }
}
