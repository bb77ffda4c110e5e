package dev.vprompt.training.mae;

import dev.vprompt.training.data.TokenStore;

/**
 * Class-balanced weights of the codebook's tokens for the MAE's cross-entropy. A synthetic figure is a few rare tokens
 * (its edges and colour) on a white cell, a segmentation mask mostly flat black and white: with equal weights the
 * frequent flat tokens dominate the loss and the model learns to paint the rare ones in a frequent, wrong shade. A
 * token of frequency {@code f} weighs {@code (f / mean f)^-a} (mean over the tokens that occur), clipped to
 * [{@link MaeSettings#MIN_TOKEN_WEIGHT}, {@link MaeSettings#MAX_TOKEN_WEIGHT}]; tokens that never occur weigh 1.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class TokenWeights {

    private final float[] weights;

    private TokenWeights(float[] weights) {
        this.weights = weights;
    }

    /** Weights from the frequencies of every token of {@code tokens}, over a codebook of {@code codes} entries. */
    static TokenWeights of(TokenStore tokens, int codes, double exponent) {
        long[] counts = new long[codes];
        for (int i = 0; i < tokens.count(); i++) {
            for (int t : tokens.tokens(i)) {
                counts[t]++;
            }
        }
        return fromCounts(counts, exponent);
    }

    static TokenWeights fromCounts(long[] counts, double exponent) {
        long total = 0;
        int used = 0;
        for (long c : counts) {
            total += c;
            used += c > 0 ? 1 : 0;
        }
        float[] w = new float[counts.length];
        double mean = used == 0 ? 1 : (double) total / used;
        for (int t = 0; t < counts.length; t++) {
            double v = counts[t] == 0 || exponent == 0 ? 1 : Math.pow(counts[t] / mean, -exponent);
            w[t] = (float) Math.min(MaeSettings.MAX_TOKEN_WEIGHT, Math.max(MaeSettings.MIN_TOKEN_WEIGHT, v));
        }
        return new TokenWeights(w);
    }

    /** The weight of token {@code t}. */
    float weight(long t) {
        return weights[(int) t];
    }
}
