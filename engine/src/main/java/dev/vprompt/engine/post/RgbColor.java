package dev.vprompt.engine.post;

import dev.vprompt.engine.image.RgbImage;

/**
 * One 8-bit RGB colour, with the palette colours the official evaluation code uses.
 *
 * @param r red, 0..255
 * @param g green, 0..255
 * @param b blue, 0..255
 */
public record RgbColor(int r, int g, int b) {

    public static final RgbColor WHITE = new RgbColor(255, 255, 255);
    public static final RgbColor BLACK = new RgbColor(0, 0, 0);
    public static final RgbColor RED = new RgbColor(255, 0, 0);
    public static final RgbColor GREEN = new RgbColor(0, 255, 0);
    public static final RgbColor BLUE = new RgbColor(0, 0, 255);
    /** The background of the official "purple" segmentation variant ({@code mae_utils.PURPLE}). */
    public static final RgbColor PURPLE = new RgbColor(0x44, 0x01, 0x54);
    /** The foreground of the official "purple" segmentation variant ({@code mae_utils.YELLOW}). */
    public static final RgbColor YELLOW = new RgbColor(0xFD, 0xE7, 0x25);

    public RgbColor {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
            throw new IllegalArgumentException("colour channels must be 0..255: " + r + "," + g + "," + b);
        }
    }

    /** Whether pixel (x, y) of {@code image} has exactly this colour. */
    public boolean matches(RgbImage image, int x, int y) {
        return image.get(x, y, 0) == r && image.get(x, y, 1) == g && image.get(x, y, 2) == b;
    }

    /** Channel {@code c} (0 = red, 1 = green, 2 = blue). */
    public int channel(int c) {
        return switch (c) {
            case 0 -> r;
            case 1 -> g;
            case 2 -> b;
            default -> throw new IllegalArgumentException("channel must be 0..2: " + c);
        };
    }
}
