package dev.vprompt.training.scenes;

/**
 * The outlines of procedural objects, each tested in normalised object coordinates ({@code u, v} in -1..1 across the
 * object's bounding extent, after rotation).
 */
public enum ShapeKind {
    ELLIPSE {
        @Override
        boolean contains(double u, double v) {
            return u * u + v * v <= 1;
        }
    },
    RECTANGLE {
        @Override
        boolean contains(double u, double v) {
            return Math.abs(u) <= 1 && Math.abs(v) <= 0.7;
        }
    },
    TRIANGLE {
        @Override
        boolean contains(double u, double v) {
            return v >= -1 && v <= 1 && Math.abs(u) <= (v + 1) / 2;
        }
    },
    DIAMOND {
        @Override
        boolean contains(double u, double v) {
            return Math.abs(u) + Math.abs(v) <= 1;
        }
    },
    CROSS {
        @Override
        boolean contains(double u, double v) {
            return (Math.abs(u) <= 0.33 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.33 && Math.abs(u) <= 1);
        }
    };

    /** Whether the normalised point lies inside the shape. */
    abstract boolean contains(double u, double v);
}
