package dev.vprompt.engine.post;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import java.util.Objects;

/** Checks that a {@link Cell} lies inside an image. Stateless and thread-safe. */
public final class CellBounds {

    private CellBounds() {}

    /**
     * Throws {@link IllegalArgumentException} unless {@code cell} lies fully inside {@code image}.
     *
     * @param what names the image in the message (e.g. "prediction")
     */
    public static void requireInside(RgbImage image, Cell cell, String what) {
        Objects.requireNonNull(image, what);
        Objects.requireNonNull(cell, "cell");
        if ((long) cell.x() + cell.width() > image.width() || (long) cell.y() + cell.height() > image.height()) {
            throw new IllegalArgumentException("cell " + cell + " does not fit in the " + what + " (" + image.width()
                    + "x" + image.height() + ")");
        }
    }

    /** Throws {@link IllegalArgumentException} unless both images have the same size. */
    public static void requireSameSize(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(
                    "images differ in size: " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
    }
}
