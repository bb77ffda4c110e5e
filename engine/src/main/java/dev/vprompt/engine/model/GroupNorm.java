package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code torch.nn.GroupNorm(G, C, eps=1e-6, affine=True)} on NCHW tensors (G = {@code num_groups}, 32 in the official
 * model), optionally followed by swish.
 *
 * <p>DJL has no group norm, so the statistics come from libtorch's fused layer norm over {@code [N, G, C/G*H*W]}
 * (biased variance, as torch's group norm uses) and the per-channel affine is applied afterwards (in place at
 * inference; out of place when the weights are trained, so autograd keeps the values it needs).
 * Not thread-safe (shares the model's {@link NormConstants}).
 */
final class GroupNorm {

    private final NDArray weight;
    private final NDArray bias;
    private final NormConstants constants;
    private final int groups;
    private final float eps;
    private final boolean inPlace;

    GroupNorm(Weights w, String prefix, NormConstants constants) {
        this.constants = constants;
        this.groups = constants.groups();
        this.inPlace = !w.training();
        this.eps = (float) VqganConfig.GROUP_NORM_EPS;
        NDArray gamma = w.get(prefix + "weight");
        NDArray beta = w.get(prefix + "bias");
        long c = gamma.getShape().get(0);
        this.weight = w.keep(prefix + "weight[C,1,1]", gamma.reshape(c, 1, 1));
        this.bias = w.keep(prefix + "bias[C,1,1]", beta.reshape(c, 1, 1));
    }

    /** Normalised {@code x} as a new array in {@code x}'s manager. */
    NDArray forward(NDArray x) {
        return apply(x, false);
    }

    /** {@code swish(groupNorm(x))} as a new array in {@code x}'s manager. */
    NDArray forwardSwish(NDArray x) {
        return apply(x, true);
    }

    private NDArray apply(NDArray x, boolean swish) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long k = c / groups * s.get(2) * s.get(3);
        NDArray[] unit = constants.unitAffine(k);
        NDArray y;
        try (NDArray grouped = x.reshape(n, groups, k);
                NDArray normed = Nn.layerNorm(grouped, unit[0], unit[1], eps)) {
            y = normed.reshape(s);
        }
        if (!inPlace) {
            try (NDArray normed = y;
                    NDArray scaled = normed.mul(weight)) {
                NDArray affine = scaled.add(bias);
                return swish ? Nn.swish(affine) : affine;
            }
        }
        y.muli(weight).addi(bias);
        return swish ? Nn.swishInPlace(y) : y;
    }
}
