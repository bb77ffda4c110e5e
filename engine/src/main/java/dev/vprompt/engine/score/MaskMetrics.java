package dev.vprompt.engine.score;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.CellBounds;
import dev.vprompt.engine.post.RgbColor;

/**
 * The comparison of {@code segmentation_utils._calc_metric} (and of the synthetic tasks' {@code calculate_metric}) on
 * two already snapped, already cropped images. Counts are exact integers; the IoU quotient is taken in float32 as the
 * official code's float32 sums give it. Stateless and thread-safe.
 */
final class MaskMetrics {

    private MaskMetrics() {}

    static SegmentationScores compare(RgbImage target, RgbImage ours, RgbColor foreground, RgbColor background) {
        CellBounds.requireSameSize(target, ours);
        int equal = 0;
        int intersection = 0;
        int union = 0;
        int blindIntersection = 0;
        int blindUnion = 0;
        for (int y = 0; y < target.height(); y++) {
            for (int x = 0; x < target.width(); x++) {
                boolean t = foreground.matches(target, x, y);
                boolean o = foreground.matches(ours, x, y);
                boolean blind = !background.matches(ours, x, y);
                if (samePixel(target, ours, x, y)) {
                    equal++;
                }
                intersection += t && o ? 1 : 0;
                union += t || o ? 1 : 0;
                blindIntersection += t && blind ? 1 : 0;
                blindUnion += t || blind ? 1 : 0;
            }
        }
        double accuracy = (double) equal / ((long) target.width() * target.height());
        return new SegmentationScores(
                float32Ratio(intersection, union), float32Ratio(blindIntersection, blindUnion), accuracy);
    }

    private static boolean samePixel(RgbImage a, RgbImage b, int x, int y) {
        return a.get(x, y, 0) == b.get(x, y, 0) && a.get(x, y, 1) == b.get(x, y, 1) && a.get(x, y, 2) == b.get(x, y, 2);
    }

    /** {@code float(a) / float(b)} widened to double: NaN for 0/0, as numpy's float32 division. */
    private static double float32Ratio(int numerator, int denominator) {
        return (float) numerator / (float) denominator;
    }
}
