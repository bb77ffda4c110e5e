package dev.vprompt.training.data;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.training.scenes.Pixels;
import dev.vprompt.training.scenes.SyntheticPairs;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One transformation of flat-figure pictures (224x224, a plain background with one to four figures), its parameters
 * drawn once so that every pair of a canvas shows the same rule: recolour, resize, change shape, move, flip, outline,
 * fill, mask, count, and combinations of recolour / resize / reshape (the paper's synthetic tasks are the green-circle
 * cases of those).
 *
 * <p>Not thread-safe: confine to one thread (holds the drawn parameters only; pairs take the caller's generator).
 */
final class FigureTask implements PairTask {

    static final int SIZE = 224;

    private static final int MARGIN = 8;

    private final Family family;
    private final Rgb background;
    private final Rgb colourIn;
    private final Rgb colourOut;
    private final FigureShape shapeIn;
    private final FigureShape shapeOut;
    private final boolean shapePerPair;
    private final int sizeIn;
    private final double scale;
    private final int dx;
    private final int dy;
    private final boolean horizontal;
    private final boolean recolour;
    private final boolean resize;
    private final boolean reshape;
    private final HeldOut heldOut;

    FigureTask(Family family, RandomGenerator rnd, HeldOut heldOut) {
        this.family = family;
        this.heldOut = heldOut;
        this.background = Rgb.background(rnd);
        this.colourIn = Rgb.figureUnlike(rnd, background);
        this.colourOut = Rgb.figureUnlike(rnd, background, colourIn);
        FigureShape[] shapes = FigureShape.values();
        this.shapeIn = rnd.nextInt(3) == 0 ? shapes[rnd.nextInt(shapes.length)] : FigureShape.CIRCLE;
        FigureShape other = shapes[rnd.nextInt(shapes.length - 1)];
        this.shapeOut = other.ordinal() >= shapeIn.ordinal() ? shapes[other.ordinal() + 1] : other;
        this.shapePerPair = rnd.nextBoolean();
        this.sizeIn = rnd.nextBoolean() ? 0 : 14 + rnd.nextInt(40); // 0: a random size per pair
        double[] scales = {0.5, 2.0 / 3, 1.5, 2.0};
        this.scale = scales[rnd.nextInt(scales.length)];
        this.dx = (rnd.nextInt(7) - 3) * 20;
        this.dy = (dx == 0 ? 1 + rnd.nextInt(3) : rnd.nextInt(7) - 3) * 20 * (rnd.nextBoolean() ? 1 : -1);
        this.horizontal = rnd.nextBoolean();
        int combo = rnd.nextInt(3);
        this.recolour = family == Family.RECOLOUR || (family == Family.COMBINED && combo != 1);
        this.resize = family == Family.RESIZE || (family == Family.COMBINED && combo != 2);
        this.reshape = family == Family.RESHAPE || (family == Family.COMBINED && combo != 0);
    }

    /** A new pair; pairs the {@link HeldOut} reserves (by picture, or as a paper-style green circle) are redrawn. */
    @Override
    public RgbImage[] pair(RandomGenerator rnd) {
        while (true) {
            RgbImage[] p = draw(rnd);
            if (p != null && !heldOut.reserves(p[0]) && !heldOut.reserves(p[1])) {
                return p;
            }
        }
    }

    /** A pair, or null when it would show a held-out synthetic geometry. */
    private RgbImage[] draw(RandomGenerator rnd) {
        return switch (family) {
            case MOVE -> single(rnd, f -> f.moved(dx, dy), Math.max(Math.abs(dx), Math.abs(dy)));
            case FLIP -> flip(rnd);
            case OUTLINE -> single(rnd, f -> f.withOutline(Math.max(5, f.r() / 3)), 0);
            case FILL -> fill(rnd);
            case MASK -> mask(rnd);
            case COUNT -> count(rnd);
            default -> single(rnd, this::change, 0);
        };
    }

    /** Recolour / resize / reshape as the family (or the combination) says. */
    private Figure change(Figure f) {
        Figure out = f;
        if (recolour) {
            out = out.withColour(colourOut);
        }
        if (resize) {
            out = out.withSize(Math.max(4, (int) Math.round(out.r() * scale)));
        }
        if (reshape) {
            out = out.withShape(shapeOut);
        }
        return out;
    }

    private RgbImage[] single(RandomGenerator rnd, java.util.function.UnaryOperator<Figure> t, int shift) {
        int r = sizeIn > 0 ? sizeIn : 10 + rnd.nextInt(41);
        if (resize && scale > 1) {
            r = Math.min(r, (int) (50 / scale) + 4);
        }
        int reach = Math.max(r, (int) Math.ceil(r * (resize ? scale : 1))) + MARGIN;
        int cx = position(rnd, reach, shift > 0 ? dx : 0);
        int cy = position(rnd, reach, shift > 0 ? dy : 0);
        FigureShape s =
                shapePerPair && !reshape ? FigureShape.values()[rnd.nextInt(FigureShape.values().length)] : shapeIn;
        Figure in = new Figure(s, cx, cy, r, colourIn, 0);
        if (paperStyle(in) && heldOut.reserves(new SyntheticPairs.Geometry(SyntheticTask.COLOR, cx, cy, r))) {
            return null;
        }
        return new RgbImage[] {picture(List.of(in), background, null), picture(List.of(t.apply(in)), background, null)};
    }

    /** Whether a figure looks like a synthetic task's input: a green circle on white. */
    private boolean paperStyle(Figure f) {
        return f.shape() == FigureShape.CIRCLE && f.colour().equals(Rgb.GREEN) && background.equals(Rgb.WHITE);
    }

    /** A centre coordinate keeping the figure (and its moved copy) inside the picture. */
    private static int position(RandomGenerator rnd, int reach, int shift) {
        int lo = reach + Math.max(0, -shift);
        int hi = SIZE - reach - Math.max(0, shift);
        return hi <= lo ? SIZE / 2 : lo + rnd.nextInt(hi - lo);
    }

    private RgbImage[] flip(RandomGenerator rnd) {
        List<Figure> figures = figures(rnd, 1 + rnd.nextInt(2), FigureShape.TRIANGLE);
        RgbImage in = picture(figures, background, null);
        return new RgbImage[] {in, mirror(in, horizontal)};
    }

    /** The picture mirrored left-right ({@code horizontal}) or top-bottom. */
    static RgbImage mirror(RgbImage image, boolean horizontal) {
        int w = image.width();
        int h = image.height();
        byte[] src = image.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int from = 3 * (horizontal ? y * w + (w - 1 - x) : (h - 1 - y) * w + x);
                System.arraycopy(src, from, out, 3 * (y * w + x), 3);
            }
        }
        return new RgbImage(w, h, out);
    }

    private RgbImage[] fill(RandomGenerator rnd) {
        List<Figure> figures = figures(rnd, 1 + rnd.nextInt(2), null);
        List<Figure> outlined = new ArrayList<>();
        for (Figure f : figures) {
            outlined.add(f.withOutline(Math.max(5, f.r() / 3)));
        }
        return new RgbImage[] {picture(outlined, background, null), picture(figures, background, null)};
    }

    private RgbImage[] mask(RandomGenerator rnd) {
        List<Figure> figures = figures(rnd, 1 + rnd.nextInt(3), null);
        return new RgbImage[] {picture(figures, background, null), picture(figures, Rgb.BLACK, Rgb.WHITE)};
    }

    /** n small figures anywhere become n bars in a row, left to right. */
    private RgbImage[] count(RandomGenerator rnd) {
        int n = 1 + rnd.nextInt(4);
        List<Figure> dots = new ArrayList<>();
        while (dots.size() < n) {
            Figure f = new Figure(shapeIn, 20 + rnd.nextInt(SIZE - 40), 20 + rnd.nextInt(SIZE - 40), 12, colourIn, 0);
            if (dots.stream().noneMatch(o -> Math.abs(o.cx() - f.cx()) < 30 && Math.abs(o.cy() - f.cy()) < 30)) {
                dots.add(f);
            }
        }
        List<Figure> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bars.add(new Figure(FigureShape.SQUARE, 28 + 56 * i, SIZE / 2, 20, colourOut, 0));
        }
        return new RgbImage[] {picture(dots, background, null), picture(bars, background, null)};
    }

    /** {@code n} non-overlapping figures of the task's input colour, of {@code shape} or random shapes. */
    private List<Figure> figures(RandomGenerator rnd, int n, FigureShape shape) {
        List<Figure> out = new ArrayList<>();
        int tries = 0;
        while (out.size() < n && tries++ < 100) {
            int r = n == 1 ? 14 + rnd.nextInt(37) : 12 + rnd.nextInt(22);
            int cx = r + MARGIN + rnd.nextInt(SIZE - 2 * (r + MARGIN));
            int cy = r + MARGIN + rnd.nextInt(SIZE - 2 * (r + MARGIN));
            FigureShape s = shape != null ? shape : FigureShape.values()[rnd.nextInt(FigureShape.values().length)];
            Figure f = new Figure(s, cx, cy, r, out.isEmpty() ? colourIn : Rgb.figureUnlike(rnd, background), 0);
            boolean held =
                    paperStyle(f) && heldOut.reserves(new SyntheticPairs.Geometry(SyntheticTask.COLOR, cx, cy, r));
            if (!held && out.stream().noneMatch(o -> Math.hypot(o.cx() - cx, o.cy() - cy) < o.r() + r + 4)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The picture of {@code figures} on {@code bg}, each in its own colour or in {@code override}. */
    static RgbImage picture(List<Figure> figures, Rgb bg, Rgb override) {
        Pixels p = Pixels.filled(SIZE, SIZE, bg.r(), bg.g(), bg.b());
        for (Figure f : figures) {
            f.paint(p, override);
        }
        return p.toImage();
    }
}
