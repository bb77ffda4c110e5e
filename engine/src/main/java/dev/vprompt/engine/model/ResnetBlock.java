package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;

/**
 * The VQGAN {@code ResnetBlock} without time embedding: {@code x' + conv2(swish(norm2(conv1(swish(norm1(x))))))}
 * where {@code x'} is {@code x}, or its 1x1 {@code nin_shortcut} when the channel count changes. Dropout is an
 * identity at inference. Big intermediates are closed as soon as they are used (these tensors reach
 * {@code N x 128 x 224 x 224} in the official model). Immutable after construction.
 */
final class ResnetBlock {

    private final GroupNorm norm1;
    private final NDArray conv1W;
    private final NDArray conv1B;
    private final GroupNorm norm2;
    private final NDArray conv2W;
    private final NDArray conv2B;
    private final NDArray shortcutW;
    private final NDArray shortcutB;

    ResnetBlock(Weights w, String prefix, boolean hasShortcut, NormConstants constants) {
        norm1 = new GroupNorm(w, prefix + "norm1.", constants);
        conv1W = w.get(prefix + "conv1.weight");
        conv1B = w.get(prefix + "conv1.bias");
        norm2 = new GroupNorm(w, prefix + "norm2.", constants);
        conv2W = w.get(prefix + "conv2.weight");
        conv2B = w.get(prefix + "conv2.bias");
        shortcutW = hasShortcut ? w.get(prefix + "nin_shortcut.weight") : null;
        shortcutB = hasShortcut ? w.get(prefix + "nin_shortcut.bias") : null;
    }

    /** Returns a new array in {@code x}'s manager; {@code x} is left untouched. */
    NDArray forward(NDArray x) {
        return Nn.scoped(x, in -> {
            NDArray h;
            try (NDArray a = norm1.forwardSwish(in)) {
                h = Nn.conv(a, conv1W, conv1B);
            }
            try (NDArray b = h;
                    NDArray c = norm2.forwardSwish(b)) {
                h = Nn.conv(c, conv2W, conv2B);
            }
            if (shortcutW == null) {
                return h.addi(in);
            }
            try (NDArray s = Nn.conv(in, shortcutW, shortcutB)) {
                return h.addi(s);
            }
        });
    }
}
