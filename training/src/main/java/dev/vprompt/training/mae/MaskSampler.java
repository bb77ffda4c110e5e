package dev.vprompt.training.mae;

import dev.vprompt.engine.canvas.PatchMask;
import java.util.SplittableRandom;

/**
 * The patches an MAE training canvas hides: its answer cell (the 2x2 quadrant or the 3x2 answer cell, as inference
 * hides them) with probability {@code answerShare}, else as many random patches (MAE-style masking), so that every
 * canvas of a layout keeps the same number of patches and canvases of one layout batch together.
 *
 * <p>Thread-safe: stateless; randomness comes from the caller.
 */
final class MaskSampler {

    private MaskSampler() {}

    /** The hidden patches of a canvas whose answer hides {@code answer}. */
    static boolean[] sample(boolean[] answer, double answerShare, SplittableRandom rnd) {
        if (rnd.nextDouble() < answerShare) {
            return answer.clone();
        }
        int hidden = 0;
        for (boolean b : answer) {
            hidden += b ? 1 : 0;
        }
        int[] order = new int[PatchMask.PATCHES];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] out = new boolean[PatchMask.PATCHES];
        for (int i = 0; i < hidden; i++) {
            out[order[i]] = true;
        }
        return out;
    }

    /** {@code ids_shuffle} of a mask: the kept patches ascending, then the hidden ones ascending. */
    static void idsShuffle(boolean[] hidden, long[] out, int offset) {
        int at = offset;
        for (int p = 0; p < hidden.length; p++) {
            if (!hidden[p]) {
                out[at++] = p;
            }
        }
        for (int p = 0; p < hidden.length; p++) {
            if (hidden[p]) {
                out[at++] = p;
            }
        }
    }
}
