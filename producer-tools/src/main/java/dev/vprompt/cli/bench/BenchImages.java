package dev.vprompt.cli.bench;

import dev.vprompt.engine.image.RgbImage;

/** Deterministic pictures for benchmarks: a gradient with an ellipse, and the ellipse's mask. */
final class BenchImages {

    private BenchImages() {}

    static RgbImage photo(int w, int h, int seed) {
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = inside(x, y, w, h, seed);
                int i = 3 * (y * w + x);
                px[i] = (byte) (in ? 210 : x * 255 / w);
                px[i + 1] = (byte) (in ? 50 : y * 255 / h);
                px[i + 2] = (byte) (in ? 70 : 100 + 40 * seed);
            }
        }
        return new RgbImage(w, h, px);
    }

    static RgbImage mask(int w, int h, int seed) {
        byte[] px = new byte[3 * w * h];
        for (int i = 0, y = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i += 3) {
                byte v = (byte) (inside(x, y, w, h, seed) ? 255 : 0);
                px[i] = v;
                px[i + 1] = v;
                px[i + 2] = v;
            }
        }
        return new RgbImage(w, h, px);
    }

    private static boolean inside(int x, int y, int w, int h, int seed) {
        double dx = (x - w * (0.4 + 0.1 * seed)) / (w * 0.25);
        double dy = (y - h * 0.5) / (h * 0.3);
        return dx * dx + dy * dy <= 1;
    }
}
