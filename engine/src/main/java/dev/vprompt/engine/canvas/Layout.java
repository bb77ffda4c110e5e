package dev.vprompt.engine.canvas;

/** The visual-prompt canvas layouts of the official code. */
public enum Layout {
    /** One example pair and the query on a 2x2 grid of 111x111 cells, white background (evaluation code). */
    GRID_2X2,
    /** Two example pairs and the query on a 3x2 grid of 74x74 cells, black background (synthetic tasks). */
    GRID_3X2,
    /**
     * One image in the top-left 111x111 cell of a white canvas, only that quadrant visible: what the encoder sees to
     * embed an image for example retrieval. Not an inpainting prompt.
     */
    EMBEDDING
}
