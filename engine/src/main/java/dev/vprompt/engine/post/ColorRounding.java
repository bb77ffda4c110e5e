package dev.vprompt.engine.post;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;

/**
 * How a pixel is snapped to a palette: the official {@code round_image} of {@code reasoning_dataloader.py}, or a
 * correct nearest-colour snap.
 *
 * <p>Both pick, per pixel, the palette colour with the smallest summed per-channel distance; ties go to the colour
 * that comes first in the palette (as {@code torch.argmin} does). They differ in the distance:
 *
 * <ul>
 *   <li>{@link #OFFICIAL_UINT8}: the official code receives {@code uint8} arrays and converts the palette to
 *       {@code uint8}, so {@code (v - o)} and its square wrap modulo 256: the channel distance is
 *       {@code ((v - o) mod 256)^2 mod 256}. For example the distance of channel value 0 to 255 is 1, and of 16 to 0
 *       is 0. This is <em>not</em> nearest-colour, but it is what every published number was computed with. (The
 *       official mean over channels is in float32; on these small integer sums it orders exactly like the integer
 *       sum, so the sum is used here.)
 *   <li>{@link #NEAREST}: the squared Euclidean distance in int arithmetic, i.e. the truly nearest colour.
 * </ul>
 *
 * <p>The official optional offset {@code t} is always (0, 0, 0) in the published evaluations and is not modelled.
 *
 * <p>Thread-safe: stateless.
 */
public enum ColorRounding {
    /** The official {@code round_image} on uint8 arrays, with its modulo-256 wrap-around. */
    OFFICIAL_UINT8 {
        @Override
        int channelDistance(int value, int option) {
            int d = (value - option) & 0xFF;
            return (d * d) & 0xFF;
        }
    },
    /** True nearest colour: squared Euclidean distance in int arithmetic. */
    NEAREST {
        @Override
        int channelDistance(int value, int option) {
            int d = value - option;
            return d * d;
        }
    };

    abstract int channelDistance(int value, int option);

    /** Index into {@code palette} of the colour that (r, g, b) snaps to; the first one wins ties. */
    public int snapIndex(int r, int g, int b, List<RgbColor> palette) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < palette.size(); i++) {
            RgbColor o = palette.get(i);
            int d = channelDistance(r, o.r()) + channelDistance(g, o.g()) + channelDistance(b, o.b());
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * Snaps the pixels of {@code region} of {@code image} to {@code palette}.
     *
     * @return a new image of the region's size holding only palette colours
     * @throws IllegalArgumentException if the region does not fit in the image or the palette is empty
     */
    public RgbImage round(RgbImage image, Cell region, List<RgbColor> palette) {
        CellBounds.requireInside(image, region, "image");
        if (palette.isEmpty()) {
            throw new IllegalArgumentException("palette must not be empty");
        }
        byte[] out = new byte[3 * region.width() * region.height()];
        int k = 0;
        for (int y = region.y(); y < region.y() + region.height(); y++) {
            for (int x = region.x(); x < region.x() + region.width(); x++) {
                RgbColor c =
                        palette.get(snapIndex(image.get(x, y, 0), image.get(x, y, 1), image.get(x, y, 2), palette));
                out[k++] = (byte) c.r();
                out[k++] = (byte) c.g();
                out[k++] = (byte) c.b();
            }
        }
        return new RgbImage(region.width(), region.height(), out);
    }
}
