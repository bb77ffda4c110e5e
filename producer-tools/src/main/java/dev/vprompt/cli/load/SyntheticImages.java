package dev.vprompt.cli.load;

import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;

/**
 * Procedural PNGs for load runs that bring no images of their own: a gradient "photo" with an elliptical object and
 * that object's black/white mask. Deterministic per seed, so a re-run uploads nothing new.
 *
 * <p>Thread-safe (stateless).
 */
public final class SyntheticImages {

    private SyntheticImages() {}

    /** A {@code width x height} photo with an ellipse whose position depends on {@code seed}. */
    public static byte[] photo(int width, int height, int seed) {
        byte[] px = new byte[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean in = inside(x, y, width, height, seed);
                int i = 3 * (y * width + x);
                px[i] = (byte) (in ? 210 : x * 255 / width);
                px[i + 1] = (byte) (in ? 50 : y * 255 / height);
                px[i + 2] = (byte) (in ? 70 : (100 + 40 * seed) & 0xFF);
            }
        }
        return PngCodec.encode(new RgbImage(width, height, px));
    }

    /** The mask of {@link #photo}'s object: white inside, black outside. */
    public static byte[] mask(int width, int height, int seed) {
        byte[] px = new byte[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                byte v = (byte) (inside(x, y, width, height, seed) ? 255 : 0);
                int i = 3 * (y * width + x);
                px[i] = v;
                px[i + 1] = v;
                px[i + 2] = v;
            }
        }
        return PngCodec.encode(new RgbImage(width, height, px));
    }

    private static boolean inside(int x, int y, int w, int h, int seed) {
        double cx = w * (0.35 + 0.1 * (seed % 4));
        double cy = h * (0.45 + 0.05 * (seed % 3));
        double dx = (x - cx) / (w * 0.22);
        double dy = (y - cy) / (h * 0.28);
        return dx * dx + dy * dy <= 1;
    }
}
