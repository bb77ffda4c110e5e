package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * What a model's GroupNorms share: the group count, and ones and zeros of each normalised length, used as the identity affine of the layer norm that computes group-norm
 * statistics. Created on first use in the model's manager and kept for the model's lifetime (one pair per distinct
 * {@code C/G*H*W}, a handful per model). Not thread-safe: confined to the model's inference thread.
 */
final class NormConstants {

    private final Weights weights;
    private final int groups;
    private final Map<Long, NDArray[]> byLength = new HashMap<>();

    NormConstants(Weights weights, int groups) {
        this.weights = weights;
        this.groups = groups;
    }

    /** Groups of every GroupNorm of the model ({@code num_groups}). */
    int groups() {
        return groups;
    }

    NDArray[] unitAffine(long length) {
        return byLength.computeIfAbsent(length, k -> new NDArray[] {
            weights.keep("ones[" + k + "]", weights.manager().ones(new Shape(k), weights.dtype())),
            weights.keep("zeros[" + k + "]", weights.manager().zeros(new Shape(k), weights.dtype()))
        });
    }
}
