package dev.vprompt.engine.model;

/**
 * The fixed 2-D sine-cosine position table of MAE ({@code util/pos_embed.py}), row 0 zeros for the cls token.
 *
 * <p>Computed in double precision and rounded to float, as the official numpy-then-{@code .float()} code does. The
 * first half of each row encodes the patch column, the second half the patch row (numpy's meshgrid puts the width
 * coordinate first). Stateless; thread-safe.
 */
final class SinCosPositions {

    private SinCosPositions() {}

    /** [(grid^2 + 1) x dim] row-major; {@code dim} must be divisible by 4. */
    static float[] table(int dim, int grid) {
        if (dim % 4 != 0) {
            throw new IllegalArgumentException("dim must be divisible by 4: " + dim);
        }
        int half = dim / 2;
        int quarter = dim / 4;
        double[] omega = new double[quarter];
        for (int i = 0; i < quarter; i++) {
            omega[i] = 1.0 / Math.pow(10000.0, i / (double) quarter);
        }
        float[] out = new float[(grid * grid + 1) * dim];
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                int base = (1 + row * grid + col) * dim;
                encode(out, base, col, omega);
                encode(out, base + half, row, omega);
            }
        }
        return out;
    }

    private static void encode(float[] out, int offset, int position, double[] omega) {
        int quarter = omega.length;
        for (int i = 0; i < quarter; i++) {
            double angle = position * omega[i];
            out[offset + i] = (float) Math.sin(angle);
            out[offset + quarter + i] = (float) Math.cos(angle);
        }
    }
}
