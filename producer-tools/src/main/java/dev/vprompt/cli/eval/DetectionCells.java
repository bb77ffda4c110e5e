package dev.vprompt.cli.eval;

import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import java.util.Arrays;
import java.util.List;

/**
 * The pictures of a detection episode as the official code prepares them before they reach the canvas
 * ({@code canvas_ds.py} and {@code make_transforms('val')}): the box mask is drawn at the image's full size, black
 * with every box of the class filled white over numpy's slice {@code [int(y0):int(y1), int(x0):int(x1)]} (truncation,
 * Python's negative-index and clipping rules), then image and mask alike become 2x2 canvas cells
 * resized with Pillow's bilinear filter (torchvision's default), {@link CanvasBuilder#cell2x2(RgbImage,
 * PilResize.Filter)}. The worker builds DETECTION canvases with the same cells, and a cell is its own cell, so
 * uploading these gives the official detection canvas.
 *
 * <p>Thread-safe: stateless.
 */
public final class DetectionCells {

    private DetectionCells() {}

    /** The photo as its canvas cell. */
    public static RgbImage cell(RgbImage photo) {
        return CanvasBuilder.cell2x2(photo, PilResize.Filter.BILINEAR);
    }

    /** The full-size box mask of {@code boxes} on a {@code width x height} picture. */
    public static RgbImage boxMask(int width, int height, List<VocObject> boxes) {
        byte[] px = new byte[3 * width * height];
        for (VocObject b : boxes) {
            int[] xs = slice((int) b.x0(), (int) b.x1(), width);
            int[] ys = slice((int) b.y0(), (int) b.y1(), height);
            for (int y = ys[0]; y < ys[1]; y++) {
                Arrays.fill(px, 3 * (y * width + xs[0]), 3 * (y * width + xs[1]), (byte) 255);
            }
        }
        return new RgbImage(width, height, px);
    }

    /** The mask's canvas cell. */
    public static RgbImage maskCell(int width, int height, List<VocObject> boxes) {
        return cell(boxMask(width, height, boxes));
    }

    /** {@code {start, stop}} of Python's {@code range(length)[start:stop]} (step 1). */
    static int[] slice(int start, int stop, int length) {
        int from = clamp(start < 0 ? start + length : start, length);
        int to = clamp(stop < 0 ? stop + length : stop, length);
        return new int[] {from, Math.max(from, to)};
    }

    private static int clamp(int index, int length) {
        return Math.max(0, Math.min(length, index));
    }
}
