package dev.vprompt.training.scenes;

import dev.vprompt.engine.image.RgbImage;

/**
 * The two torchvision transforms the colorization prompts need, on {@link RgbImage}s. Thread-safe: stateless.
 */
public final class ImageOps {

    private ImageOps() {}

    /** Pillow's {@code convert('L')} replicated to three channels: torchvision's {@code Grayscale(3)}. */
    public static RgbImage grayscale(RgbImage image) {
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

    /** Pillow's ITU-R 601-2 luma of one pixel, in its 16-bit fixed point. */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    /**
     * torchvision's {@code CenterCrop((h, w))}: an image smaller than the crop is first padded with black
     * (left/top get the smaller half), then the window starts at {@code round((size - crop) / 2)} with Python's
     * round-half-to-even.
     */
    public static RgbImage centerCrop(RgbImage image, int cropW, int cropH) {
        RgbImage src = padToAtLeast(image, cropW, cropH);
        int left = (int) Math.rint((src.width() - cropW) / 2.0);
        int top = (int) Math.rint((src.height() - cropH) / 2.0);
        byte[] out = new byte[3 * cropW * cropH];
        for (int y = 0; y < cropH; y++) {
            System.arraycopy(src.pixels(), 3 * ((top + y) * src.width() + left), out, 3 * y * cropW, 3 * cropW);
        }
        return new RgbImage(cropW, cropH, out);
    }

    private static RgbImage padToAtLeast(RgbImage image, int w, int h) {
        if (image.width() >= w && image.height() >= h) {
            return image;
        }
        int padLeft = image.width() < w ? (w - image.width()) / 2 : 0;
        int padTop = image.height() < h ? (h - image.height()) / 2 : 0;
        int padRight = image.width() < w ? (w - image.width() + 1) / 2 : 0;
        int padBottom = image.height() < h ? (h - image.height() + 1) / 2 : 0;
        int nw = image.width() + padLeft + padRight;
        int nh = image.height() + padTop + padBottom;
        byte[] out = new byte[3 * nw * nh];
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(
                    image.pixels(), 3 * y * image.width(), out, 3 * ((y + padTop) * nw + padLeft), 3 * image.width());
        }
        return new RgbImage(nw, nh, out);
    }
}
