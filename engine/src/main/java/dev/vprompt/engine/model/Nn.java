package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.function.UnaryOperator;

/**
 * The functional building blocks of the forward pass, each one fused libtorch operator where one exists.
 *
 * <p>Every result belongs to the manager of the activation argument (never to a weight's manager), so intermediates
 * are freed with the caller's per-call manager. Stateless; thread-safe.
 */
final class Nn {

    private static final Shape UNIT = new Shape(1, 1);
    private static final Shape NO_PAD = new Shape(0, 0);
    private static final Shape PAD_1 = new Shape(1, 1);
    private static final Shape STRIDE_2 = new Shape(2, 2);
    /** {@code F.pad} order (last axis first): left 0, right 1, top 0, bottom 1. */
    private static final Shape RIGHT_BOTTOM_1 = new Shape(0, 1, 0, 1);

    private Nn() {}

    /** {@code x @ w.T + b} over the last axis (torch {@code F.linear}). */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return Linear.linear(x, w, b).singletonOrThrow();
    }

    /** LayerNorm over the last axis with affine weight and bias. */
    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        return LayerNorm.layerNorm(x, gamma.getShape(), gamma, beta, eps).singletonOrThrow();
    }

    /** Exact (erf) GELU: libtorch's {@code gelu} with its default {@code approximate='none'}. */
    static NDArray gelu(NDArray x) {
        return x.getNDArrayInternal().gelu();
    }

    /** Stride-1 2-D convolution; {@code 3x3} kernels get padding 1, {@code 1x1} none. */
    static NDArray conv(NDArray x, NDArray w, NDArray b) {
        Shape pad = w.getShape().get(2) == 3 ? PAD_1 : NO_PAD;
        return Conv2d.conv2d(x, w, b, UNIT, pad, UNIT).singletonOrThrow();
    }

    /** Convolution with stride equal to the kernel size (patch embedding). */
    static NDArray patchConv(NDArray x, NDArray w, NDArray b) {
        Shape k = new Shape(w.getShape().get(2), w.getShape().get(3));
        return Conv2d.conv2d(x, w, b, k, NO_PAD, UNIT).singletonOrThrow();
    }

    /**
     * taming's {@code Downsample} with a convolution: pad one zero column right and one zero row bottom, then a 3x3
     * convolution with stride 2 and no padding.
     */
    static NDArray downsample2x(NDArray x, NDArray w, NDArray b) {
        try (NDArray padded = x.pad(RIGHT_BOTTOM_1, 0)) {
            return Conv2d.conv2d(padded, w, b, STRIDE_2, NO_PAD, UNIT).singletonOrThrow();
        }
    }

    /** Nearest-neighbour x2 upsampling of an NCHW tensor ({@code F.interpolate(scale_factor=2, mode='nearest')}). */
    static NDArray upsampleNearest2x(NDArray x) {
        Shape s = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, 0, false);
    }

    /** {@code x * sigmoid(x)} as a new array; {@code x} is left untouched (autograd-safe). */
    static NDArray swish(NDArray x) {
        try (NDArray s = x.getNDArrayInternal().sigmoid()) {
            return x.mul(s);
        }
    }

    /** {@code x * sigmoid(x)} computed in place on {@code x}, which must be a temporary the caller owns. */
    static NDArray swishInPlace(NDArray x) {
        try (NDArray s = x.getNDArrayInternal().sigmoid()) {
            return x.muli(s);
        }
    }

    /**
     * Runs {@code f} on {@code x} with every intermediate in a sub-manager that is closed afterwards; only the
     * result survives, in {@code x}'s manager. {@code f} must return a new array (not {@code x} itself).
     */
    static NDArray scoped(NDArray x, UnaryOperator<NDArray> f) {
        NDManager parent = x.getManager();
        try (NDManager sub = parent.newSubManager()) {
            x.tempAttach(sub);
            NDArray out = f.apply(x);
            out.attach(parent);
            return out;
        }
    }
}
