package dev.vprompt.engine.canvas;

import dev.vprompt.engine.image.RgbImage;
import java.util.Objects;

/**
 * A 224x224 visual prompt: the pixels the model sees, which patches it must predict, and where the answer lies.
 *
 * @param image the canvas pixels (224x224); the answer cell holds the ground truth when one was given, else the
 *     background colour of the layout
 * @param mask the patches to predict
 * @param layout the layout that built it
 * @param answerCell the pixels of the answer cell (e.g. x=113, y=113, 111x111 for the standard 2x2 arrangement)
 */
public record Canvas(RgbImage image, PatchMask mask, Layout layout, Cell answerCell) {

    public static final int SIZE = 224;

    public Canvas {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(answerCell, "answerCell");
        if (image.width() != SIZE || image.height() != SIZE) {
            throw new IllegalArgumentException("canvas must be " + SIZE + "x" + SIZE);
        }
    }
}
