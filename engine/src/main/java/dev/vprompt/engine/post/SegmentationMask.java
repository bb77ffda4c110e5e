package dev.vprompt.engine.post;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;

/**
 * The segmentation answer of a pasted canvas as a binary mask: the answer cell snapped to white/black (white =
 * foreground, white first on ties, as the official evaluation does), optionally resized back to the query image's
 * own size so that the published mask lines up with the user's query.
 *
 * <p>The canvas cell is the query squeezed to a square (the official resize does not keep the aspect ratio), so the
 * way back is a plain resize of the cell to the query's width and height. It is nearest-neighbour (see
 * {@link BinaryMask#resizeNearest}): the mask stays binary and every query pixel takes the cell pixel under its
 * centre. No smoothing is applied, so upscaled masks have blocky edges.
 *
 * <p>Thread-safe: stateless.
 */
public final class SegmentationMask {

    /** The palette of the segmentation task, foreground first (the official tie-break). */
    public static final List<RgbColor> PALETTE = List.of(RgbColor.WHITE, RgbColor.BLACK);

    private SegmentationMask() {}

    /**
     * The mask in cell coordinates ({@code answerCell.width() x answerCell.height()}).
     *
     * @param pasted the canvas with the prediction pasted in
     * @param answerCell where the answer lies on the canvas
     * @param rounding how pixels are snapped to white/black
     */
    public static BinaryMask inCell(RgbImage pasted, Cell answerCell, ColorRounding rounding) {
        return rounding.snapsTo(pasted, answerCell, PALETTE, RgbColor.WHITE);
    }

    /**
     * The mask resized to the query image's size ({@code queryWidth x queryHeight}), nearest neighbour.
     *
     * @param queryWidth width of the user's original query image
     * @param queryHeight height of the user's original query image
     */
    public static BinaryMask forQuery(
            RgbImage pasted, Cell answerCell, int queryWidth, int queryHeight, ColorRounding rounding) {
        return inCell(pasted, answerCell, rounding).resizeNearest(queryWidth, queryHeight);
    }
}
