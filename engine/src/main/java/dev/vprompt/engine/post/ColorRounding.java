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
        byte[] indices = snapIndices(image, region, palette);
        byte[] out = new byte[3 * indices.length];
        for (int i = 0, k = 0; i < indices.length; i++) {
            RgbColor c = palette.get(indices[i]);
            out[k++] = (byte) c.r();
            out[k++] = (byte) c.g();
            out[k++] = (byte) c.b();
        }
        return new RgbImage(region.width(), region.height(), out);
    }

    /**
     * The pixels of {@code region} of {@code image} that snap to a palette entry of colour {@code colour}, as a mask of
     * the region's size: the same as {@link BinaryMask#ofColor} of {@link #round}, without the rounded image.
     */
    public BinaryMask snapsTo(RgbImage image, Cell region, List<RgbColor> palette, RgbColor colour) {
        byte[] indices = snapIndices(image, region, palette);
        boolean[] isColour = new boolean[palette.size()];
        for (int i = 0; i < isColour.length; i++) {
            isColour[i] = palette.get(i).equals(colour);
        }
        boolean[] bits = new boolean[indices.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = isColour[indices[i]];
        }
        return new BinaryMask(region.width(), region.height(), bits);
    }

    /**
     * {@link #snapIndex} of every pixel of {@code region}, row-major. The channel distances to each palette colour are
     * tabulated once per call (256 values per colour and channel), so a pixel costs three table reads per colour: the
     * answer cell of every segmentation job goes through here.
     */
    private byte[] snapIndices(RgbImage image, Cell region, List<RgbColor> palette) {
        CellBounds.requireInside(image, region, "image");
        int n = palette.size();
        if (n == 0) {
            throw new IllegalArgumentException("palette must not be empty");
        }
        if (n > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("palette must have at most 127 colours, has " + n);
        }
        int[][] distance = new int[3 * n][256];
        for (int i = 0; i < n; i++) {
            RgbColor o = palette.get(i);
            for (int v = 0; v < 256; v++) {
                distance[3 * i][v] = channelDistance(v, o.r());
                distance[3 * i + 1][v] = channelDistance(v, o.g());
                distance[3 * i + 2][v] = channelDistance(v, o.b());
            }
        }
        byte[] px = image.pixels();
        byte[] indices = new byte[region.width() * region.height()];
        if (n == 2) {
            return snapToOneOfTwo(px, image.width(), region, distance, indices);
        }
        int k = 0;
        for (int y = region.y(); y < region.y() + region.height(); y++) {
            for (int p = 3 * (y * image.width() + region.x()), end = p + 3 * region.width(); p < end; p += 3) {
                int r = px[p] & 0xFF;
                int g = px[p + 1] & 0xFF;
                int b = px[p + 2] & 0xFF;
                int best = 0;
                int bestDistance = distance[0][r] + distance[1][g] + distance[2][b];
                for (int i = 1; i < n; i++) {
                    int d = distance[3 * i][r] + distance[3 * i + 1][g] + distance[3 * i + 2][b];
                    if (d < bestDistance) {
                        best = i;
                        bestDistance = d;
                    }
                }
                indices[k++] = (byte) best;
            }
        }
        return indices;
    }

    /**
     * The two-colour case (black/white masks: every segmentation and detection job): a pixel is nearer to colour 1
     * exactly when the sum of the per-channel differences {@code d1 - d0} is negative (ties go to colour 0, as in the
     * general loop), so one table of differences per channel and one comparison per pixel suffice.
     */
    private static byte[] snapToOneOfTwo(byte[] px, int width, Cell region, int[][] distance, byte[] indices) {
        int[] diff = new int[3 * 256];
        for (int v = 0; v < 256; v++) {
            diff[v] = distance[3][v] - distance[0][v];
            diff[256 + v] = distance[4][v] - distance[1][v];
            diff[512 + v] = distance[5][v] - distance[2][v];
        }
        int k = 0;
        for (int y = region.y(); y < region.y() + region.height(); y++) {
            for (int p = 3 * (y * width + region.x()), end = p + 3 * region.width(); p < end; p += 3) {
                int d = diff[px[p] & 0xFF] + diff[256 + (px[p + 1] & 0xFF)] + diff[512 + (px[p + 2] & 0xFF)];
                indices[k++] = (byte) (d >>> 31); // 1 when d < 0
            }
        }
        return indices;
    }
}
