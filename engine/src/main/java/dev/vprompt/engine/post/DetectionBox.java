package dev.vprompt.engine.post;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import java.util.Objects;
import java.util.Optional;

/**
 * The detection answer of a pasted canvas, as the official detection evaluation post-processes it: snap the answer
 * cell to white/black, take the largest 8-connected white component ({@link LargestComponent}) and fill its bounding
 * box.
 *
 * <p>The box is given in cell coordinates and in the query image's own pixels. The mapping to the query is the one
 * that agrees with {@link SegmentationMask#forQuery}: query pixel X belongs to the box when the cell pixel under its
 * centre does ({@code floor((X + 0.5) * cellWidth / queryWidth)} inside the box), so
 * {@code queryMask(w, h)} equals {@code cellMask(cell).resizeNearest(w, h)}. Only when a box is too thin to cover any
 * query pixel centre (a query smaller than the cell) is it widened to the one query pixel under the box's centre, so
 * that a detected box never disappears.
 *
 * <p>Thread-safe: immutable.
 *
 * @param cellBox the box in answer-cell coordinates
 * @param queryBox the same box in the query image's pixel coordinates
 */
public record DetectionBox(Box cellBox, Box queryBox) {

    public DetectionBox {
        Objects.requireNonNull(cellBox, "cellBox");
        Objects.requireNonNull(queryBox, "queryBox");
    }

    /**
     * Detects the box in a pasted canvas.
     *
     * @return the box, or empty ("no box") when no pixel of the cell snaps to white
     */
    public static Optional<DetectionBox> detect(
            RgbImage pasted, Cell answerCell, int queryWidth, int queryHeight, ColorRounding rounding) {
        requirePositive(queryWidth, queryHeight);
        BinaryMask mask = SegmentationMask.inCell(pasted, answerCell, rounding);
        return LargestComponent.boundingBox(mask)
                .map(box -> new DetectionBox(
                        box, toQuery(box, answerCell.width(), answerCell.height(), queryWidth, queryHeight)));
    }

    /** Maps a box in a {@code cellWidth x cellHeight} cell to a {@code queryWidth x queryHeight} image. */
    public static Box toQuery(Box cellBox, int cellWidth, int cellHeight, int queryWidth, int queryHeight) {
        requirePositive(queryWidth, queryHeight);
        if (cellBox.x() + cellBox.width() > cellWidth || cellBox.y() + cellBox.height() > cellHeight) {
            throw new IllegalArgumentException("box " + cellBox + " exceeds the cell " + cellWidth + "x" + cellHeight);
        }
        int[] xs = mapSpan(cellBox.x(), cellBox.width(), cellWidth, queryWidth);
        int[] ys = mapSpan(cellBox.y(), cellBox.height(), cellHeight, queryHeight);
        return new Box(xs[0], ys[0], xs[1], ys[1]);
    }

    /** The filled box as a mask of the answer cell's size. */
    public BinaryMask cellMask(Cell answerCell) {
        return BinaryMask.filledBox(answerCell.width(), answerCell.height(), cellBox);
    }

    /** The filled box as a mask of the query image's size. */
    public BinaryMask queryMask(int queryWidth, int queryHeight) {
        return BinaryMask.filledBox(queryWidth, queryHeight, queryBox);
    }

    /** {start, length} in the destination of the source span {start, length}. */
    private static int[] mapSpan(int start, int length, int src, int dst) {
        int from = Math.max(0, ceilDiv(2L * start * dst - src, 2L * src));
        int to = Math.min(dst, ceilDiv(2L * (start + length) * dst - src, 2L * src));
        if (to <= from) {
            int centre = (int) Math.min(dst - 1, ((2L * start + length) * dst) / (2L * src));
            return new int[] {centre, 1};
        }
        return new int[] {from, to - from};
    }

    private static int ceilDiv(long a, long b) {
        return (int) -Math.floorDiv(-a, b);
    }

    private static void requirePositive(int queryWidth, int queryHeight) {
        if (queryWidth <= 0 || queryHeight <= 0) {
            throw new IllegalArgumentException("query size must be positive: " + queryWidth + "x" + queryHeight);
        }
    }
}
