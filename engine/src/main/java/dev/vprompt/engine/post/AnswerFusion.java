package dev.vprompt.engine.post;

import dev.vprompt.engine.image.RgbImage;
import java.util.List;

/**
 * Fuses several answers to one query into one, as prompt-SelF's ensemble does ({@code evaluate/evaluate_pascal.py}
 * of syp2ysy/prompt-SelF): the answer cells (uint8, each already upright: arrangements permute cell positions, never
 * cell contents) are averaged per pixel and channel in float64, then turned into one answer by a {@link Rule}. No
 * logits, no un-flipping, no colour snapping before the average.
 *
 * <p>Every rule is computed on the exact integer sum of the {@code n} values, which is what the float64 mean gives:
 * {@code mean > t} is {@code sum > t * n}, and a mean exactly halfway between two integers is rounded to the even
 * one as {@code np.rint} does.
 *
 * <p>Thread-safe: stateless.
 */
public final class AnswerFusion {

    /** How the averaged cell becomes the answer. */
    public enum Rule {
        /** Segmentation masks (the default of prompt-SelF): per channel, mean > 127 gives 255, else 0. */
        MASK_THRESHOLD,
        /** Edge maps (prompt-SelF {@code --edge_detection}): white when any channel's mean is > 102, else black. */
        EDGE_ANY_CHANNEL,
        /** Images (prompt-SelF {@code --inpainting}): the mean rounded to the nearest integer, ties to even. */
        ROUNDED_MEAN
    }

    /** Threshold of {@link Rule#MASK_THRESHOLD}. */
    public static final int MASK_THRESHOLD = 127;

    /** Threshold of {@link Rule#EDGE_ANY_CHANNEL}. */
    public static final int EDGE_THRESHOLD = 102;

    private AnswerFusion() {}

    /**
     * The fused answer of {@code cells}.
     *
     * @param cells at least one answer cell, all the same size
     * @throws IllegalArgumentException when the list is empty or the sizes differ
     */
    public static RgbImage fuse(List<RgbImage> cells, Rule rule) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("nothing to fuse");
        }
        RgbImage first = cells.get(0);
        for (RgbImage c : cells) {
            CellBounds.requireSameSize(first, c);
        }
        int n = cells.size();
        int[] sums = new int[first.pixels().length];
        for (RgbImage c : cells) {
            byte[] px = c.pixels();
            for (int i = 0; i < sums.length; i++) {
                sums[i] += px[i] & 0xFF;
            }
        }
        byte[] out = new byte[sums.length];
        switch (rule) {
            case MASK_THRESHOLD -> {
                for (int i = 0; i < sums.length; i++) {
                    out[i] = (byte) (sums[i] > MASK_THRESHOLD * n ? 255 : 0);
                }
            }
            case EDGE_ANY_CHANNEL -> {
                for (int i = 0; i < sums.length; i += 3) {
                    boolean edge = sums[i] > EDGE_THRESHOLD * n
                            || sums[i + 1] > EDGE_THRESHOLD * n
                            || sums[i + 2] > EDGE_THRESHOLD * n;
                    byte v = (byte) (edge ? 255 : 0);
                    out[i] = v;
                    out[i + 1] = v;
                    out[i + 2] = v;
                }
            }
            case ROUNDED_MEAN -> {
                for (int i = 0; i < sums.length; i++) {
                    out[i] = (byte) roundHalfEven(sums[i], n);
                }
            }
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        }
        return new RgbImage(first.width(), first.height(), out);
    }

    /** {@code np.rint(sum / n)} for non-negative integers. */
    static int roundHalfEven(int sum, int n) {
        int q = sum / n;
        int twice = 2 * (sum % n);
        if (twice > n || (twice == n && (q & 1) == 1)) {
            return q + 1;
        }
        return q;
    }
}
