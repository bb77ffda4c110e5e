package dev.vprompt.engine.canvas;

import dev.vprompt.engine.canvas.Arrangement.Slot;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds the official visual-prompt canvases from decoded images, pixel for pixel.
 *
 * <p><b>2x2</b> (segmentation and other one-shot tasks), as amirbar/visual_prompting
 * {@code evaluate/evaluate_segmentation.py} ({@code Resize((224 // 2 - padding,) * 2, 3)} with padding 1, i.e.
 * Pillow bicubic to 111x111, aspect ratio not kept) and {@code evaluate/pascal_dataloader.py}
 * ({@code create_grid_from_images}: white canvas {@code 2 * 111 + 2 * padding = 224} wide, images pasted at offsets 0
 * and -111 = 113). The model predicts the answer's 7x7 patch quadrant ({@code evaluate/mae_utils.py},
 * {@code generate_mask_for_evaluation}).
 *
 * <p><b>3x2</b> (synthetic reasoning tasks), as {@code evaluate/evaluate_reasoning.py} ({@code figure_size = 74},
 * {@code num_support = 2}, {@code T.Resize((74, 74))}, whose default interpolation is bilinear) and {@code tta.py}
 * ({@code TTA.forward} without shuffles: black background, {@code padding = 1}, pair {@code i} on rows
 * {@code i * 75 .. i * 75 + 73}, inputs at columns {@code 224 // 2 - 74 - 1 = 37 .. 110}, outputs at
 * {@code 224 // 2 + 1 = 113 .. 186}; predicted patch rows 9-13, from {@code floor(14 * 2 / 3) = 9} to
 * {@code ceil(14 * 3 / 3) + 1 = 15} exclusive, and patch columns 7-11, from {@code 2 + 1 * 5} for 5 columns: 25
 * predicted, 171 kept). As in the official code, patch row 9 starts at pixel row 144, so the last five pixel rows
 * (144-148) of the second example output are hidden from the model too.
 *
 * <p>Images are resized with {@link PilResize} straight into the canvas (no intermediate cell image); masks are expected as equal-channel RGB images (as
 * {@code ImageDecoder.decodeMask} returns), which resize exactly like Pillow's {@code L} images.
 *
 * <p>Thread-safe: stateless.
 */
public final class CanvasBuilder {

    /** Background of the 2x2 canvas: white ({@code torch.ones}). */
    public static final int GRID2X2_BACKGROUND = 255;

    /** Background of the 3x2 canvas: black (a normalised black image). */
    public static final int GRID3X2_BACKGROUND = 0;

    /**
     * Templates of the two backgrounds, never written: each canvas starts as a clone, which the JIT allocates without
     * zeroing it first (a new array and a fill wrote the 147 KB twice: 9% of the worker's prepare time by JFR).
     */
    private static final byte[] WHITE = filled(GRID2X2_BACKGROUND);

    private static final byte[] BLACK = filled(GRID3X2_BACKGROUND);

    /** Side of a 3x2 cell in pixels. */
    public static final int GRID3X2_CELL = 74;

    /** Rows between the tops of consecutive 3x2 pairs: cell plus 1 pixel padding. */
    public static final int GRID3X2_ROW_STEP = GRID3X2_CELL + 1;

    /** First column of the 3x2 input cells: {@code 224 / 2 - 74 - 1}. */
    public static final int GRID3X2_INPUT_X = Canvas.SIZE / 2 - GRID3X2_CELL - 1;

    /** First column of the 3x2 output cells: {@code 224 / 2 + 1}. */
    public static final int GRID3X2_OUTPUT_X = Canvas.SIZE / 2 + 1;

    /** Number of example pairs on the 3x2 canvas. */
    public static final int GRID3X2_EXAMPLES = 2;

    private static final PilResize.Filter GRID3X2_FILTER = PilResize.Filter.BILINEAR;

    private static final PatchMask GRID3X2_MASK = PatchMask.rectangle(9, 13, 7, 11);

    /** Kept patches of an embedding canvas: the top-left quadrant (patch rows and columns 0-6). */
    public static final int EMBEDDING_KEPT = Arrangement.QUADRANT_PATCHES * Arrangement.QUADRANT_PATCHES;

    private static final PatchMask EMBEDDING_MASK = embeddingMask();

    /** The 2x2 canvas in the {@link Arrangement#STANDARD official} arrangement. */
    public Canvas grid2x2(RgbImage exampleInput, RgbImage exampleOutput, RgbImage query, RgbImage answerOrNull) {
        return grid2x2(Arrangement.STANDARD, exampleInput, exampleOutput, query, answerOrNull);
    }

    /**
     * The 2x2 canvas in {@code arrangement}: each image resized to 111x111 (Pillow bicubic) on a white 224x224
     * canvas; the answer cell stays white when {@code answerOrNull} is null.
     */
    public Canvas grid2x2(
            Arrangement arrangement,
            RgbImage exampleInput,
            RgbImage exampleOutput,
            RgbImage query,
            RgbImage answerOrNull) {
        return grid2x2(arrangement, exampleInput, exampleOutput, query, answerOrNull, PilResize.Filter.BICUBIC);
    }

    /**
     * The 2x2 canvas in {@code arrangement} with the cells resized by {@code filter}: bicubic is the segmentation
     * evaluation's {@code Resize(..., 3)}; the detection evaluation resizes with torchvision's default, bilinear.
     */
    public Canvas grid2x2(
            Arrangement arrangement,
            RgbImage exampleInput,
            RgbImage exampleOutput,
            RgbImage query,
            RgbImage answerOrNull,
            PilResize.Filter filter) {
        Objects.requireNonNull(arrangement, "arrangement");
        Objects.requireNonNull(filter, "filter");
        byte[] canvas = WHITE.clone();
        place(canvas, required(exampleInput, "exampleInput"), arrangement.cell(Slot.EXAMPLE_INPUT), filter);
        place(canvas, required(exampleOutput, "exampleOutput"), arrangement.cell(Slot.EXAMPLE_OUTPUT), filter);
        place(canvas, required(query, "query"), arrangement.cell(Slot.QUERY), filter);
        if (answerOrNull != null) {
            place(canvas, answerOrNull, arrangement.answerCell(), filter);
        }
        return new Canvas(
                new RgbImage(Canvas.SIZE, Canvas.SIZE, canvas),
                arrangement.mask(),
                Layout.GRID_2X2,
                arrangement.answerCell());
    }

    /**
     * The 3x2 canvas: two example pairs on the first two rows, the query and its answer on the third, each image
     * resized to 74x74 (Pillow bilinear) on a black canvas; the answer cell stays black when {@code answerOrNull}
     * is null.
     *
     * @param examplePairs exactly two pairs {@code {input, output}}
     */
    public Canvas grid3x2(List<RgbImage[]> examplePairs, RgbImage query, RgbImage answerOrNull) {
        if (examplePairs == null || examplePairs.size() != GRID3X2_EXAMPLES) {
            throw new IllegalArgumentException("the 3x2 layout takes exactly " + GRID3X2_EXAMPLES + " example pairs");
        }
        byte[] canvas = BLACK.clone();
        for (int i = 0; i < GRID3X2_EXAMPLES; i++) {
            RgbImage[] pair = examplePairs.get(i);
            if (pair == null || pair.length != 2) {
                throw new IllegalArgumentException("example pair " + i + " must hold {input, output}");
            }
            place(canvas, required(pair[0], "example input " + i), grid3x2Cell(i, false), GRID3X2_FILTER);
            place(canvas, required(pair[1], "example output " + i), grid3x2Cell(i, true), GRID3X2_FILTER);
        }
        place(canvas, required(query, "query"), grid3x2Cell(GRID3X2_EXAMPLES, false), GRID3X2_FILTER);
        Cell answerCell = grid3x2Cell(GRID3X2_EXAMPLES, true);
        if (answerOrNull != null) {
            place(canvas, answerOrNull, answerCell, GRID3X2_FILTER);
        }
        return new Canvas(new RgbImage(Canvas.SIZE, Canvas.SIZE, canvas), GRID3X2_MASK, Layout.GRID_3X2, answerCell);
    }

    /**
     * {@code image} as the encoder sees it for a retrieval embedding ({@link Layout#EMBEDDING}): Pillow bicubic to
     * 111x111 in the top-left cell of a white canvas, exactly where the example input sits on the official 2x2 canvas,
     * with only that quadrant's 7x7 = 49 patches kept. The canvas's answer cell is that image cell.
     */
    public Canvas embedding(RgbImage image) {
        byte[] canvas = WHITE.clone();
        Cell cell = Arrangement.STANDARD.cell(Slot.EXAMPLE_INPUT);
        place(canvas, required(image, "image"), cell, PilResize.Filter.BICUBIC);
        return new Canvas(new RgbImage(Canvas.SIZE, Canvas.SIZE, canvas), EMBEDDING_MASK, Layout.EMBEDDING, cell);
    }

    /** The cell of pair {@code row} (0, 1: examples; 2: query), input or output side. */
    static Cell grid3x2Cell(int row, boolean output) {
        int x = output ? GRID3X2_OUTPUT_X : GRID3X2_INPUT_X;
        return new Cell(x, row * GRID3X2_ROW_STEP, GRID3X2_CELL, GRID3X2_CELL);
    }

    /**
     * An image as a 2x2 canvas cell: Pillow bicubic to {@value Arrangement#CELL_SIZE} pixels square. Idempotent (a
     * cell is its own cell), so a caller may prepare a cell once, e.g. of an example many jobs share, and pass the
     * cell instead of the image.
     */
    public static RgbImage cell2x2(RgbImage image) {
        return cell2x2(image, PilResize.Filter.BICUBIC);
    }

    /** An image as a 2x2 canvas cell resized with {@code filter}. Idempotent. */
    public static RgbImage cell2x2(RgbImage image, PilResize.Filter filter) {
        return PilResize.resize(image, Arrangement.CELL_SIZE, Arrangement.CELL_SIZE, filter);
    }

    /** An image as a 3x2 canvas cell: Pillow bilinear to {@value #GRID3X2_CELL} pixels square. Idempotent. */
    public static RgbImage cell3x2(RgbImage image) {
        return PilResize.resize(image, GRID3X2_CELL, GRID3X2_CELL, GRID3X2_FILTER);
    }

    private static RgbImage required(RgbImage image, String name) {
        return Objects.requireNonNull(image, name);
    }

    private static PatchMask embeddingMask() {
        boolean[] predicted = new boolean[PatchMask.PATCHES];
        for (int p = 0; p < PatchMask.PATCHES; p++) {
            predicted[p] = p / PatchMask.GRID >= Arrangement.QUADRANT_PATCHES
                    || p % PatchMask.GRID >= Arrangement.QUADRANT_PATCHES;
        }
        return new PatchMask(predicted);
    }

    private static byte[] filled(int value) {
        byte[] px = new byte[3 * Canvas.SIZE * Canvas.SIZE];
        Arrays.fill(px, (byte) value);
        return px;
    }

    /** Resizes {@code image} straight into its cell of the canvas (a copy of rows when it already is a cell). */
    private static void place(byte[] canvas, RgbImage image, Cell cell, PilResize.Filter filter) {
        PilResize.resizeInto(image, filter, canvas, Canvas.SIZE, cell.x(), cell.y(), cell.width(), cell.height());
    }
}
