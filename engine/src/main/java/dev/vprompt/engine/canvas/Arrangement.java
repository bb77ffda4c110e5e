package dev.vprompt.engine.canvas;

import java.util.List;

/**
 * The eight ways to place one example pair (input, output) and a query with its answer on the 2x2 canvas: the pairs
 * run along rows or along columns, and the answer takes any of the four quadrants, which fixes the rest (the query
 * shares the answer's row or column, the example fills the other one, inputs come before outputs in the same order
 * for both pairs).
 *
 * <p>Quadrants are 111x111 cells at pixel offset 0 or 113 on each axis; the answer's 7x7 block of patches (patch
 * rows/columns 0-6 or 7-13) is what the model predicts, so every arrangement keeps 147 of 196 patches and canvases
 * of different arrangements can share a batch.
 *
 * <p>Official placements (amirbar/visual_prompting, {@code evaluate/pascal_dataloader.py},
 * {@code DatasetPASCAL.create_grid_from_images}):
 *
 * <ul>
 *   <li>default: {@link #ROWS_ANSWER_BOTTOM_RIGHT} ({@link #STANDARD});
 *   <li>{@code reverse_support_and_query=True}: {@link #ROWS_ANSWER_TOP_RIGHT};
 *   <li>{@code flipped_order=True}: {@link #COLUMNS_ANSWER_BOTTOM_RIGHT};
 *   <li>both flags: {@link #COLUMNS_ANSWER_BOTTOM_LEFT}.
 * </ul>
 */
public enum Arrangement {
    /** Example pair on the top row, query pair on the bottom row, inputs left: the official evaluation canvas. */
    ROWS_ANSWER_BOTTOM_RIGHT(true, 1, 1),
    /** Example pair on the top row, query pair on the bottom row, outputs left. */
    ROWS_ANSWER_BOTTOM_LEFT(true, 1, 0),
    /** Query pair on the top row, example pair on the bottom row, inputs left. */
    ROWS_ANSWER_TOP_RIGHT(true, 0, 1),
    /** Query pair on the top row, example pair on the bottom row, outputs left. */
    ROWS_ANSWER_TOP_LEFT(true, 0, 0),
    /** Example pair in the left column, query pair in the right column, inputs on top. */
    COLUMNS_ANSWER_BOTTOM_RIGHT(false, 1, 1),
    /** Query pair in the left column, example pair in the right column, inputs on top. */
    COLUMNS_ANSWER_BOTTOM_LEFT(false, 1, 0),
    /** Example pair in the left column, query pair in the right column, outputs on top. */
    COLUMNS_ANSWER_TOP_RIGHT(false, 0, 1),
    /** Query pair in the left column, example pair in the right column, outputs on top. */
    COLUMNS_ANSWER_TOP_LEFT(false, 0, 0);

    /** The arrangement of the official evaluation code. */
    public static final Arrangement STANDARD = ROWS_ANSWER_BOTTOM_RIGHT;

    /**
     * The eight arrangements in prompt-SelF's order A1..A8 (syp2ysy/prompt-SelF, {@code evaluate/pascal_dataloader.py}
     * with {@code ensemble=True}). Listed as (top-left, top-right, bottom-left, bottom-right) with S/Q = support/query
     * and i/m = image/mask: A1 (Si,Sm,Qi,Qm), A2 (Sm,Si,Qm,Qi), A3 (Qm,Qi,Sm,Si), A4 (Qi,Qm,Si,Sm), A5 (Sm,Qm,Si,Qi),
     * A6 (Qm,Sm,Qi,Si), A7 (Qi,Si,Qm,Sm), A8 (Si,Qi,Sm,Qm). Only cell positions are permuted; no cell content is ever
     * flipped. A1 is {@link #STANDARD}.
     */
    public static final List<Arrangement> PROMPT_SELF = List.of(
            ROWS_ANSWER_BOTTOM_RIGHT,
            ROWS_ANSWER_BOTTOM_LEFT,
            ROWS_ANSWER_TOP_LEFT,
            ROWS_ANSWER_TOP_RIGHT,
            COLUMNS_ANSWER_TOP_RIGHT,
            COLUMNS_ANSWER_TOP_LEFT,
            COLUMNS_ANSWER_BOTTOM_LEFT,
            COLUMNS_ANSWER_BOTTOM_RIGHT);

    /** Side of a quadrant cell in pixels: {@code 224 / 2 - 1}. */
    public static final int CELL_SIZE = 111;

    /** Pixel offset of the second row/column of cells: {@code 224 - 111}; pixels 111 and 112 stay background. */
    public static final int FAR_OFFSET = Canvas.SIZE - CELL_SIZE;

    /** Patches per quadrant side. */
    public static final int QUADRANT_PATCHES = PatchMask.GRID / 2;

    /** The four images of a 2x2 prompt. */
    public enum Slot {
        EXAMPLE_INPUT,
        EXAMPLE_OUTPUT,
        QUERY,
        ANSWER
    }

    private final boolean pairsInRows;
    private final int answerRow;
    private final int answerCol;

    Arrangement(boolean pairsInRows, int answerRow, int answerCol) {
        this.pairsInRows = pairsInRows;
        this.answerRow = answerRow;
        this.answerCol = answerCol;
    }

    /** True when each pair occupies a row (input and output side by side), false when it occupies a column. */
    public boolean pairsInRows() {
        return pairsInRows;
    }

    /** The canvas cell of {@code slot}. */
    public Cell cell(Slot slot) {
        int row;
        int col;
        switch (slot) {
            case ANSWER -> {
                row = answerRow;
                col = answerCol;
            }
            case EXAMPLE_INPUT -> {
                row = 1 - answerRow;
                col = 1 - answerCol;
            }
            case EXAMPLE_OUTPUT -> {
                row = pairsInRows ? 1 - answerRow : answerRow;
                col = pairsInRows ? answerCol : 1 - answerCol;
            }
            case QUERY -> {
                row = pairsInRows ? answerRow : 1 - answerRow;
                col = pairsInRows ? 1 - answerCol : answerCol;
            }
            default -> throw new IllegalArgumentException("unknown slot " + slot);
        }
        return new Cell(col * FAR_OFFSET, row * FAR_OFFSET, CELL_SIZE, CELL_SIZE);
    }

    /** The cell the model must fill in. */
    public Cell answerCell() {
        return cell(Slot.ANSWER);
    }

    /** The 7x7 patch quadrant that contains the answer cell. */
    public PatchMask mask() {
        int r0 = answerRow * QUADRANT_PATCHES;
        int c0 = answerCol * QUADRANT_PATCHES;
        return PatchMask.rectangle(r0, r0 + QUADRANT_PATCHES - 1, c0, c0 + QUADRANT_PATCHES - 1);
    }
}
