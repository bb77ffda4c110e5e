package dev.vprompt.engine.post;

/**
 * An axis-aligned box of whole pixels: columns {@code x .. x+width-1}, rows {@code y .. y+height-1}.
 *
 * @param x left column
 * @param y top row
 * @param width number of columns, at least 1
 * @param height number of rows, at least 1
 */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad box " + x + "," + y + " " + width + "x" + height);
        }
    }

    /** The box spanning columns {@code x0..x1} and rows {@code y0..y1}, both inclusive. */
    public static Box ofInclusive(int x0, int y0, int x1, int y1) {
        return new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /** Number of pixels. */
    public long area() {
        return (long) width * height;
    }

    /** Number of pixels this box shares with {@code other}. */
    public long intersectionArea(Box other) {
        long w = Math.min(x + width, other.x + other.width) - (long) Math.max(x, other.x);
        long h = Math.min(y + height, other.y + other.height) - (long) Math.max(y, other.y);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** Whether pixel (px, py) lies in the box. */
    public boolean contains(int px, int py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }
}
