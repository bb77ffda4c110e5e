package dev.vprompt.engine.post;

import java.util.Optional;

/**
 * The bounding box of the largest 8-connected foreground component of a mask, as the official detection
 * post-processing ({@code evaluate_detection/box_ops.py::to_rectangle}, which uses {@code cv2.connectedComponents}
 * with its default 8-connectivity) finds it.
 *
 * <p>Ties between equally large components: the official code sorts component sizes with {@code np.argsort} and
 * reverses the order, which for a handful of components puts the later-labelled one first. Here the component whose
 * first pixel comes last in raster order wins. cv2 labels in (block-)scan order, so exotic ties may still be
 * resolved differently from the official code; sizes are never affected.
 *
 * <p>Thread-safe: stateless.
 */
public final class LargestComponent {

    private LargestComponent() {}

    /** The bounding box of the largest foreground component, or empty when the mask has no foreground. */
    public static Optional<Box> boundingBox(BinaryMask mask) {
        int w = mask.width();
        int h = mask.height();
        boolean[] fg = mask.bits();
        boolean[] seen = new boolean[fg.length];
        int[] stack = new int[fg.length];
        Box best = null;
        int bestSize = 0;
        for (int start = 0; start < fg.length; start++) {
            if (!fg[start] || seen[start]) {
                continue;
            }
            int size = 0;
            int minX = w;
            int minY = h;
            int maxX = -1;
            int maxY = -1;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                int px = p % w;
                int py = p / w;
                size++;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                for (int ny = Math.max(0, py - 1); ny <= Math.min(h - 1, py + 1); ny++) {
                    for (int nx = Math.max(0, px - 1); nx <= Math.min(w - 1, px + 1); nx++) {
                        int q = ny * w + nx;
                        if (fg[q] && !seen[q]) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (size >= bestSize) {
                bestSize = size;
                best = Box.ofInclusive(minX, minY, maxX, maxY);
            }
        }
        return Optional.ofNullable(best);
    }
}
