package dev.vprompt.cli.demo;

import dev.vprompt.engine.image.RgbImage;

/**
 * A mutable RGB pixel buffer for drawing procedural pictures; {@link #toImage()} hands out an {@link RgbImage} that
 * owns a copy. Not thread-safe: confine to one thread.
 */
final class Pixels {

    private final int width;
    private final int height;
    private final byte[] px;

    Pixels(int width, int height) {
        this.width = width;
        this.height = height;
        this.px = new byte[3 * width * height];
    }

    static Pixels filled(int width, int height, int r, int g, int b) {
        Pixels p = new Pixels(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                p.set(x, y, r, g, b);
            }
        }
        return p;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Sets pixel (x, y), clamping each channel to 0..255; ignores coordinates outside the buffer. */
    void set(int x, int y, int r, int g, int b) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return;
        }
        int i = 3 * (y * width + x);
        px[i] = (byte) clamp(r);
        px[i + 1] = (byte) clamp(g);
        px[i + 2] = (byte) clamp(b);
    }

    RgbImage toImage() {
        return new RgbImage(width, height, px.clone());
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Pillow's {@code convert('L')} of one pixel (ITU-R 601-2 luma in 16-bit fixed point). */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    /** The grayscale version of {@code image}, replicated to three channels (Pillow's {@code Grayscale(3)}). */
    static RgbImage grayscale(RgbImage image) {
        byte[] src = image.pixels();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i += 3) {
            byte l = (byte) luma(src[i] & 0xFF, src[i + 1] & 0xFF, src[i + 2] & 0xFF);
            out[i] = l;
            out[i + 1] = l;
            out[i + 2] = l;
        }
        return new RgbImage(image.width(), image.height(), out);
    }
}
