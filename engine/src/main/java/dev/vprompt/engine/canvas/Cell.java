package dev.vprompt.engine.canvas;

/** A rectangle of canvas pixels: columns {@code x .. x+width-1}, rows {@code y .. y+height-1}. */
public record Cell(int x, int y, int width, int height) {

    public Cell {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad cell " + x + "," + y + " " + width + "x" + height);
        }
    }
}
