package dev.vprompt.engine.model;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.RgbImage;

/**
 * The official paste {@code orig * (1 - mask) + y * mask}: visible patches from the canvas, predicted patches from
 * the decoded image. The canvas is already uint8, so the official de-normalisation of the visible part returns its
 * bytes unchanged. Stateless; thread-safe.
 */
final class Paster {

    private static final int ROW_BYTES = 3 * Canvas.SIZE;
    private static final int PATCH_ROW_BYTES = 3 * PatchMask.PATCH_SIZE;

    private Paster() {}

    static RgbImage paste(Canvas canvas, byte[] decoded, int offset) {
        byte[] out = canvas.image().pixels().clone();
        PatchMask mask = canvas.mask();
        for (int p = 0; p < PatchMask.PATCHES; p++) {
            if (!mask.isPredicted(p)) {
                continue;
            }
            int y0 = (p / PatchMask.GRID) * PatchMask.PATCH_SIZE;
            int x0 = (p % PatchMask.GRID) * PatchMask.PATCH_SIZE;
            for (int y = y0; y < y0 + PatchMask.PATCH_SIZE; y++) {
                int at = y * ROW_BYTES + 3 * x0;
                System.arraycopy(decoded, offset + at, out, at, PATCH_ROW_BYTES);
            }
        }
        return new RgbImage(Canvas.SIZE, Canvas.SIZE, out);
    }
}
