package dev.vprompt.training.data;

/**
 * The kinds of prompts the training canvases show, with their default share of the mixture (in percent) and how
 * often they use the 3x2 layout (the rest use the 2x2 one).
 */
public enum Family {
    /** The paper's six synthetic tasks, geometries drawn anew (the evaluation's held out). */
    OFFICIAL(28, 0.9),
    /** Textured scene to the object's mask (foreground segmentation). */
    SEGMENT(15, 0.15),
    /** Textured scene to the object's filled bounding box (single-object detection). */
    DETECT(11, 0.15),
    /** Greyscale scene to the scene in colour. */
    COLORIZE(8, 0.15),
    /** Figures change colour. */
    RECOLOUR(5, 0.5),
    /** Figures change size by a fixed factor or to a fixed size. */
    RESIZE(4, 0.5),
    /** Figures change shape. */
    RESHAPE(4, 0.5),
    /** Two or three of recolour, resize, reshape together. */
    COMBINED(7, 0.5),
    /** Figures move by a fixed offset. */
    MOVE(3, 0.5),
    /** The picture is mirrored. */
    FLIP(3, 0.5),
    /** Filled figures become outlines. */
    OUTLINE(3, 0.5),
    /** Outlines become filled figures. */
    FILL(2, 0.5),
    /** Figures to their white-on-black mask. */
    MASK(5, 0.5),
    /** n figures to n bars. */
    COUNT(2, 0.5);

    private final int share;
    private final double grid3x2;

    Family(int share, double grid3x2) {
        this.share = share;
        this.grid3x2 = grid3x2;
    }

    /** Default weight in the mixture. */
    public int share() {
        return share;
    }

    /** Probability that a canvas of this family uses the 3x2 layout. */
    public double grid3x2() {
        return grid3x2;
    }
}
