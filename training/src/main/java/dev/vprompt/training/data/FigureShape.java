package dev.vprompt.training.data;

/**
 * The outlines of flat figures, tested in pixel offsets from the figure's centre for a half size {@code r}. A circle
 * and a square of integer centre and radius cover exactly the pixels of the paper's synthetic pictures
 * ({@code (x-cx)^2 + (y-cy)^2 <= r^2} and the inclusive square).
 */
public enum FigureShape {
    CIRCLE {
        @Override
        boolean contains(double dx, double dy, double r) {
            return dx * dx + dy * dy <= r * r;
        }
    },
    SQUARE {
        @Override
        boolean contains(double dx, double dy, double r) {
            return Math.abs(dx) <= r && Math.abs(dy) <= r;
        }
    },
    TRIANGLE {
        @Override
        boolean contains(double dx, double dy, double r) {
            return dy >= -r && dy <= r && Math.abs(dx) <= (dy + r) / 2;
        }
    },
    DIAMOND {
        @Override
        boolean contains(double dx, double dy, double r) {
            return Math.abs(dx) + Math.abs(dy) <= r;
        }
    },
    CROSS {
        @Override
        boolean contains(double dx, double dy, double r) {
            double arm = r / 3;
            return (Math.abs(dx) <= arm && Math.abs(dy) <= r) || (Math.abs(dy) <= arm && Math.abs(dx) <= r);
        }
    };

    /** Whether the pixel at offset {@code (dx, dy)} from the centre lies inside the figure of half size {@code r}. */
    abstract boolean contains(double dx, double dy, double r);
}
