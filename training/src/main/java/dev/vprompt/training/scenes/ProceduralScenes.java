package dev.vprompt.training.scenes;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.Box;
import java.util.random.RandomGenerator;

/**
 * Draws procedural "photos": a textured background (a two-colour gradient, stripes at a random angle and period,
 * per-pixel noise) with one object whose class decides its outline ({@link ShapeKind}) and colour, at a random
 * position, size and rotation, plus an optional distractor object of another class. Twenty classes, as Pascal VOC
 * has: class {@code c} has shape {@code c % 5} and colour {@code c / 5}.
 *
 * <p>Thread-safe: stateless; all randomness comes from the caller's generator.
 */
public final class ProceduralScenes {

    /** Number of object classes. */
    public static final int CLASS_COUNT = 20;

    /** The class-map value of the void boundary, as in Pascal VOC. */
    public static final int VOID = 255;

    private static final int[][] CLASS_COLOURS = {{214, 48, 49}, {9, 132, 227}, {253, 203, 110}, {0, 184, 148}};

    private ProceduralScenes() {}

    /** The outline of objects of class {@code classId}. */
    public static ShapeKind shapeOf(int classId) {
        return ShapeKind.values()[classId % ShapeKind.values().length];
    }

    /**
     * Draws one scene.
     *
     * @param classId the object's class, 0..{@value #CLASS_COUNT}-1
     * @param distractor whether to add an object of another class (drawn first, so the main object covers it)
     */
    public static Scene render(int width, int height, int classId, boolean distractor, RandomGenerator rnd) {
        if (classId < 0 || classId >= CLASS_COUNT) {
            throw new IllegalArgumentException("classId must be within 0.." + (CLASS_COUNT - 1) + ", was " + classId);
        }
        Pixels photo = background(width, height, rnd);
        byte[] classes = new byte[width * height];
        if (distractor) {
            int other = (classId + 1 + rnd.nextInt(CLASS_COUNT - 1)) % CLASS_COUNT;
            Placement p = Placement.random(width, height, 0.10, 0.18, rnd);
            draw(photo, classes, other, p, rnd);
        }
        Placement main = Placement.random(width, height, 0.18, 0.32, rnd);
        boolean[] inside = draw(photo, classes, classId, main, rnd);
        markBoundary(classes, inside, width, height);
        return new Scene(
                photo.toImage(), maskOf(inside, width, height), classes, bounds(inside, width, height), classId);
    }

    private static Pixels background(int w, int h, RandomGenerator rnd) {
        int[] c0 = {40 + rnd.nextInt(160), 40 + rnd.nextInt(160), 40 + rnd.nextInt(160)};
        int[] c1 = {40 + rnd.nextInt(160), 40 + rnd.nextInt(160), 40 + rnd.nextInt(160)};
        double gradientAngle = rnd.nextDouble() * 2 * Math.PI;
        double stripeAngle = rnd.nextDouble() * Math.PI;
        double period = 6 + rnd.nextDouble() * 14;
        double amplitude = 8 + rnd.nextDouble() * 14;
        double gx = Math.cos(gradientAngle) / Math.max(w, h);
        double gy = Math.sin(gradientAngle) / Math.max(w, h);
        Pixels p = new Pixels(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.min(1, Math.max(0, 0.5 + x * gx + y * gy));
                double s = amplitude
                        * Math.sin(2 * Math.PI * (x * Math.cos(stripeAngle) + y * Math.sin(stripeAngle)) / period);
                int n = rnd.nextInt(25) - 12;
                p.set(
                        x,
                        y,
                        (int) (c0[0] + t * (c1[0] - c0[0]) + s) + n,
                        (int) (c0[1] + t * (c1[1] - c0[1]) + s) + n,
                        (int) (c0[2] + t * (c1[2] - c0[2]) + s) + n);
            }
        }
        return p;
    }

    /** Draws an object of {@code classId}; returns which pixels it covers. */
    private static boolean[] draw(Pixels photo, byte[] classes, int classId, Placement p, RandomGenerator rnd) {
        int w = photo.width();
        int h = photo.height();
        ShapeKind shape = shapeOf(classId);
        int[] colour = CLASS_COLOURS[classId / ShapeKind.values().length];
        double cos = Math.cos(p.angle);
        double sin = Math.sin(p.angle);
        boolean[] inside = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - p.cx;
                double dy = y - p.cy;
                double u = (dx * cos + dy * sin) / p.rx;
                double v = (-dx * sin + dy * cos) / p.ry;
                if (shape.contains(u, v)) {
                    inside[y * w + x] = true;
                    classes[y * w + x] = (byte) (classId + 1);
                    int shade = (int) (18 * Math.sin(3 * Math.PI * (u + v))) + rnd.nextInt(13) - 6;
                    photo.set(x, y, colour[0] + shade, colour[1] + shade, colour[2] + shade);
                }
            }
        }
        return inside;
    }

    private static void markBoundary(byte[] classes, boolean[] inside, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!inside[i]
                        && ((x > 0 && inside[i - 1])
                                || (x < w - 1 && inside[i + 1])
                                || (y > 0 && inside[i - w])
                                || (y < h - 1 && inside[i + w]))) {
                    classes[i] = (byte) VOID;
                }
            }
        }
    }

    private static RgbImage maskOf(boolean[] inside, int w, int h) {
        byte[] px = new byte[3 * w * h];
        for (int i = 0; i < inside.length; i++) {
            if (inside[i]) {
                px[3 * i] = (byte) 255;
                px[3 * i + 1] = (byte) 255;
                px[3 * i + 2] = (byte) 255;
            }
        }
        return new RgbImage(w, h, px);
    }

    private static Box bounds(boolean[] inside, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (inside[y * w + x]) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            throw new IllegalStateException("object has no pixels in a " + w + "x" + h + " picture");
        }
        return Box.ofInclusive(x0, y0, x1, y1);
    }

    /** Where an object goes: centre, half extents, rotation. */
    private record Placement(double cx, double cy, double rx, double ry, double angle) {

        static Placement random(int w, int h, double minExtent, double maxExtent, RandomGenerator rnd) {
            double side = Math.min(w, h);
            return new Placement(
                    w * (0.3 + 0.4 * rnd.nextDouble()),
                    h * (0.3 + 0.4 * rnd.nextDouble()),
                    side * (minExtent + (maxExtent - minExtent) * rnd.nextDouble()),
                    side * (minExtent + (maxExtent - minExtent) * rnd.nextDouble()),
                    (rnd.nextDouble() - 0.5) * 0.8);
        }
    }
}
