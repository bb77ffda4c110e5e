package dev.vprompt.training.data;

import dev.vprompt.training.scenes.Pixels;

/**
 * One flat figure of a picture: shape, centre, half size and colour, filled or as an outline {@code thickness}
 * pixels wide.
 *
 * @param outline 0 for a filled figure, else the outline's width in pixels
 */
public record Figure(FigureShape shape, int cx, int cy, int r, Rgb colour, int outline) {

    /** This figure moved by {@code (dx, dy)}. */
    Figure moved(int dx, int dy) {
        return new Figure(shape, cx + dx, cy + dy, r, colour, outline);
    }

    Figure withShape(FigureShape s) {
        return new Figure(s, cx, cy, r, colour, outline);
    }

    Figure withColour(Rgb c) {
        return new Figure(shape, cx, cy, r, c, outline);
    }

    Figure withSize(int size) {
        return new Figure(shape, cx, cy, size, colour, outline);
    }

    Figure withOutline(int width) {
        return new Figure(shape, cx, cy, r, colour, width);
    }

    /** Whether pixel (x, y) is painted by this figure. */
    boolean covers(int x, int y) {
        double dx = x - cx;
        double dy = y - cy;
        if (!shape.contains(dx, dy, r)) {
            return false;
        }
        return outline == 0 || r <= outline || !shape.contains(dx, dy, r - outline);
    }

    /** Paints the figure in {@code colour} (or {@code override} when not null). */
    void paint(Pixels p, Rgb override) {
        Rgb c = override == null ? colour : override;
        for (int y = Math.max(0, cy - r); y <= Math.min(p.height() - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(p.width() - 1, cx + r); x++) {
                if (covers(x, y)) {
                    p.set(x, y, c.r(), c.g(), c.b());
                }
            }
        }
    }
}
