package dev.vprompt.training.data;

import java.util.random.RandomGenerator;

/** An RGB colour, channels 0..255. */
public record Rgb(int r, int g, int b) {

    public static final Rgb WHITE = new Rgb(255, 255, 255);
    public static final Rgb BLACK = new Rgb(0, 0, 0);
    /** The green of the paper's synthetic tasks. */
    public static final Rgb GREEN = new Rgb(0, 255, 0);
    /** The blue of the paper's synthetic tasks. */
    public static final Rgb BLUE = new Rgb(0, 0, 255);

    /** Saturated figure colours: the paper's green and blue first, then other primaries and mixtures. */
    static final Rgb[] FIGURE_COLOURS = {
        GREEN,
        BLUE,
        new Rgb(255, 0, 0),
        new Rgb(255, 255, 0),
        new Rgb(255, 0, 255),
        new Rgb(0, 255, 255),
        new Rgb(255, 128, 0),
        new Rgb(128, 0, 255),
        new Rgb(0, 128, 0),
        new Rgb(128, 128, 128)
    };

    /** A figure colour: one of {@link #FIGURE_COLOURS} mostly, sometimes any colour. */
    static Rgb figure(RandomGenerator rnd) {
        if (rnd.nextInt(5) == 0) {
            return new Rgb(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
        }
        return FIGURE_COLOURS[rnd.nextInt(FIGURE_COLOURS.length)];
    }

    /** A figure colour different enough from {@code other} (and from the background) to tell apart. */
    static Rgb figureUnlike(RandomGenerator rnd, Rgb... others) {
        while (true) {
            Rgb c = figure(rnd);
            boolean far = true;
            for (Rgb o : others) {
                far &= c.distance(o) > 120;
            }
            if (far) {
                return c;
            }
        }
    }

    /** A picture background: white mostly (as the paper's synthetic pictures), else black or a random colour. */
    static Rgb background(RandomGenerator rnd) {
        int k = rnd.nextInt(20);
        if (k < 12) {
            return WHITE;
        }
        if (k < 15) {
            return BLACK;
        }
        return new Rgb(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    }

    /** Euclidean distance in RGB. */
    double distance(Rgb o) {
        int dr = r - o.r;
        int dg = g - o.g;
        int db = b - o.b;
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
