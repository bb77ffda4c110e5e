package dev.vprompt.training.scenes;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import java.util.function.IntBinaryOperator;

/**
 * The paper's synthetic reasoning tasks (amirbar/visual_prompting {@code evaluate/reasoning_dataloader.py}): a
 * 224x224 white picture with one filled shape, and the picture the task turns it into.
 *
 * <ul>
 *   <li>{@code COLOR}: a green circle (random centre and radius) becomes blue;
 *   <li>{@code SIZE}: a green circle of radius 30 becomes radius 20;
 *   <li>{@code SHAPE}: a green circle becomes a green square of the same centre and half side;
 *   <li>{@code SIZE_COLOR}, {@code SIZE_SHAPE}, {@code SHAPE_COLOR}: the two changes together.
 * </ul>
 *
 * Random draws follow the official order: centre x and y from {@code [10, 214)}, then the radius from
 * {@code [10, 50)} when the task does not fix it. Given numpy's generator ({@code randint(low, high)}) the pictures
 * are the official ones up to OpenCV's rasterisation of circle edges (here: pixels within the radius).
 *
 * <p>Thread-safe: stateless; randomness comes from the caller.
 */
public final class SyntheticPairs {

    /** Side of the pictures. */
    public static final int SIZE = 224;

    private static final int[] GREEN = {0, 255, 0};
    private static final int[] BLUE = {0, 0, 255};

    private SyntheticPairs() {}

    /**
     * What one pair of a task is drawn from: the shared centre and the input radius (30 for the size tasks, which
     * fix it).
     */
    public record Geometry(SyntheticTask task, int cx, int cy, int radius) {}

    /** One input/output pair of {@code task}; {@code randint} returns a value in {@code [low, high)}. */
    public static RgbImage[] pair(SyntheticTask task, IntBinaryOperator randint) {
        return render(draw(task, randint));
    }

    /** Draws a pair's geometry in the official order: centre x, centre y, then the radius unless the task fixes it. */
    public static Geometry draw(SyntheticTask task, IntBinaryOperator randint) {
        int cx = randint.applyAsInt(10, SIZE - 10);
        int cy = randint.applyAsInt(10, SIZE - 10);
        int r1 = fixesSize(task) ? 30 : randint.applyAsInt(10, 50);
        return new Geometry(task, cx, cy, r1);
    }

    /** The input and output pictures of a geometry. */
    public static RgbImage[] render(Geometry g) {
        SyntheticTask task = g.task();
        int r2 = fixesSize(task) ? 20 : g.radius();
        boolean square =
                task == SyntheticTask.SHAPE || task == SyntheticTask.SIZE_SHAPE || task == SyntheticTask.SHAPE_COLOR;
        boolean blue =
                task == SyntheticTask.COLOR || task == SyntheticTask.SIZE_COLOR || task == SyntheticTask.SHAPE_COLOR;
        int[] out = blue ? BLUE : GREEN;
        return new RgbImage[] {
            circle(g.cx(), g.cy(), g.radius(), GREEN),
            square ? square(g.cx(), g.cy(), r2, out) : circle(g.cx(), g.cy(), r2, out)
        };
    }

    private static boolean fixesSize(SyntheticTask task) {
        return task == SyntheticTask.SIZE || task == SyntheticTask.SIZE_COLOR || task == SyntheticTask.SIZE_SHAPE;
    }

    static RgbImage circle(int cx, int cy, int r, int[] colour) {
        Pixels p = Pixels.filled(SIZE, SIZE, 255, 255, 255);
        for (int y = cy - r; y <= cy + r; y++) {
            for (int x = cx - r; x <= cx + r; x++) {
                if ((long) (x - cx) * (x - cx) + (long) (y - cy) * (y - cy) <= (long) r * r) {
                    p.set(x, y, colour[0], colour[1], colour[2]);
                }
            }
        }
        return p.toImage();
    }

    /** The filled square with corners (cx - r, cy - r) and (cx + r, cy + r), both inclusive, as cv2.rectangle. */
    static RgbImage square(int cx, int cy, int r, int[] colour) {
        Pixels p = Pixels.filled(SIZE, SIZE, 255, 255, 255);
        for (int y = cy - r; y <= cy + r; y++) {
            for (int x = cx - r; x <= cx + r; x++) {
                p.set(x, y, colour[0], colour[1], colour[2]);
            }
        }
        return p.toImage();
    }
}
