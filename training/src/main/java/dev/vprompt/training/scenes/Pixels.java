package dev.vprompt.training.scenes;

import dev.vprompt.engine.image.RgbImage;

/**
 * A mutable RGB pixel buffer for drawing procedural pictures; {@link #toImage()} hands out an {@link RgbImage} that
 * owns a copy. Not thread-safe: confine to one thread.
 */
public final class Pixels {

    private final int width;
    private final int height;
    private final byte[] px;

    public Pixels(int width, int height) {
        this.width = width;
        this.height = height;
        this.px = new byte[3 * width * height];
    }

    public static Pixels filled(int width, int height, int r, int g, int b) {
        Pixels p = new Pixels(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                p.set(x, y, r, g, b);
            }
        }
        return p;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Sets pixel (x, y), clamping each channel to 0..255; ignores coordinates outside the buffer. */
    public void set(int x, int y, int r, int g, int b) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return;
        }
        int i = 3 * (y * width + x);
        px[i] = (byte) clamp(r);
        px[i + 1] = (byte) clamp(g);
        px[i + 2] = (byte) clamp(b);
    }

    public RgbImage toImage() {
        return new RgbImage(width, height, px.clone());
    }

    public static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
