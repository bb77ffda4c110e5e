package dev.vprompt.cli.eval;

/**
 * One annotated object of a Pascal VOC detection annotation, in the coordinate space the official detection code
 * uses: VOC's 1-based inclusive pixel indices become {@code x0 = xmin - 1}, {@code y0 = ymin - 1}, {@code x1 = xmax},
 * {@code y1 = ymax} (floats, as the XML may hold fractions).
 *
 * @param classId index in {@link VocDetectionSet#CLASS_NAMES}
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge
 * @param y1 bottom edge
 */
public record VocObject(int classId, double x0, double y0, double x1, double y1) {

    /** {@code (x1 - x0) * (y1 - y0)}, the area the official size filter uses. */
    public double area() {
        return (x1 - x0) * (y1 - y0);
    }
}
