package dev.vprompt.cli.engine;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;

/**
 * The canvas layouts as the command line names them ({@code 2x2}, {@code 3x2}), with the geometry a finished canvas
 * PNG implies: which patches the model predicts and where the answer cell lies. The 3x2 geometry is taken from the
 * engine's {@link CanvasBuilder}, so it cannot drift from the canvases {@code vp canvas} builds.
 *
 * <p>Thread-safe: immutable.
 */
public enum LayoutChoice {
    /** One example pair, query and answer on 111x111 cells: segmentation and the other one-shot tasks. */
    GRID_2X2("2x2", Layout.GRID_2X2),
    /** Two example pairs, query and answer on 74x74 cells: the synthetic reasoning tasks. */
    GRID_3X2("3x2", Layout.GRID_3X2);

    private final String label;
    private final Layout layout;

    LayoutChoice(String label, Layout layout) {
        this.label = label;
        this.layout = layout;
    }

    /** The name on the command line. */
    String label() {
        return label;
    }

    Layout layout() {
        return layout;
    }

    /** The layout named {@code text} ({@code 2x2} or {@code 3x2}, case-insensitive). */
    static LayoutChoice parse(String text) {
        for (LayoutChoice c : values()) {
            if (c.label.equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a layout (expected 2x2 or 3x2)");
    }

    /** The patches the model predicts; {@code arrangement} matters for 2x2 only. */
    PatchMask mask(Arrangement arrangement) {
        return this == GRID_2X2 ? arrangement.mask() : Grid3x2.TEMPLATE.mask();
    }

    /** The answer cell; {@code arrangement} matters for 2x2 only. */
    Cell answerCell(Arrangement arrangement) {
        return this == GRID_2X2 ? arrangement.answerCell() : Grid3x2.TEMPLATE.answerCell();
    }

    /** A finished 224x224 canvas image with this layout's mask and answer cell. */
    public Canvas canvas(RgbImage image, Arrangement arrangement) {
        return new Canvas(image, mask(arrangement), layout, answerCell(arrangement));
    }

    /** A 3x2 canvas built once from blank images, only to read its geometry. */
    private static final class Grid3x2 {
        private static final Canvas TEMPLATE;

        static {
            RgbImage blank = RgbImage.filled(1, 1, 0, 0, 0);
            TEMPLATE = new CanvasBuilder()
                    .grid3x2(List.of(new RgbImage[] {blank, blank}, new RgbImage[] {blank, blank}), blank, null);
        }
    }
}
