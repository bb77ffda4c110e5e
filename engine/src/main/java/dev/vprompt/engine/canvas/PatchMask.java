package dev.vprompt.engine.canvas;

import java.util.Arrays;

/**
 * Which of the 14x14 = 196 patches of a 224x224 canvas the model must predict. Patch index = 14 * row + col.
 *
 * <p>{@link #idsShuffle()} orders the visible patches ascending, then the predicted ones ascending, as the official
 * {@code generate_mask_for_evaluation} does; the first {@link #keptCount()} entries are what the encoder sees.
 * Canvases can share a batch only when their kept counts are equal.
 */
public record PatchMask(boolean[] predicted) {

    public static final int GRID = 14;
    public static final int PATCHES = GRID * GRID;
    public static final int PATCH_SIZE = 16;

    public PatchMask {
        if (predicted.length != PATCHES) {
            throw new IllegalArgumentException("mask must have " + PATCHES + " entries, got " + predicted.length);
        }
        predicted = predicted.clone();
    }

    /** The mask predicting the patches in rows {@code r0..r1} and columns {@code c0..c1} (inclusive). */
    public static PatchMask rectangle(int r0, int r1, int c0, int c1) {
        boolean[] p = new boolean[PATCHES];
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                p[r * GRID + c] = true;
            }
        }
        return new PatchMask(p);
    }

    public boolean isPredicted(int patch) {
        return predicted[patch];
    }

    /** Number of visible (kept) patches, e.g. 147 for the 2x2 layout. */
    public int keptCount() {
        int n = 0;
        for (boolean b : predicted) {
            if (!b) {
                n++;
            }
        }
        return n;
    }

    /** Visible patch indices ascending, then predicted patch indices ascending. */
    public int[] idsShuffle() {
        int[] ids = new int[PATCHES];
        int k = 0;
        for (int i = 0; i < PATCHES; i++) {
            if (!predicted[i]) {
                ids[k++] = i;
            }
        }
        for (int i = 0; i < PATCHES; i++) {
            if (predicted[i]) {
                ids[k++] = i;
            }
        }
        return ids;
    }

    @Override
    public boolean[] predicted() {
        return predicted.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatchMask m && Arrays.equals(predicted, m.predicted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(predicted);
    }

    @Override
    public String toString() {
        return "PatchMask[kept=" + keptCount() + "]";
    }
}
