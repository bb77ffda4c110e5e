package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * The VQGAN spatial self-attention {@code AttnBlock}: GroupNorm, 1x1 q/k/v convolutions (fused here into one
 * convolution with 3C outputs), scores {@code q^T k * C^-0.5} softmaxed over the key positions, values mixed, 1x1
 * {@code proj_out}, residual. Immutable after construction.
 */
final class AttnBlock {

    private final GroupNorm norm;
    private final NDArray qkvW;
    private final NDArray qkvB;
    private final NDArray projW;
    private final NDArray projB;

    AttnBlock(Weights w, String prefix, NormConstants constants) {
        norm = new GroupNorm(w, prefix + "norm.", constants);
        NDList ws = new NDList(w.get(prefix + "q.weight"), w.get(prefix + "k.weight"), w.get(prefix + "v.weight"));
        NDList bs = new NDList(w.get(prefix + "q.bias"), w.get(prefix + "k.bias"), w.get(prefix + "v.bias"));
        qkvW = w.keep(prefix + "qkv.weight", NDArrays.concat(ws, 0));
        qkvB = w.keep(prefix + "qkv.bias", NDArrays.concat(bs, 0));
        projW = w.get(prefix + "proj_out.weight");
        projB = w.get(prefix + "proj_out.bias");
    }

    /** Returns a new array in {@code x}'s manager. */
    NDArray forward(NDArray x) {
        return Nn.scoped(x, in -> {
            Shape s = in.getShape();
            long n = s.get(0);
            long c = s.get(1);
            long hw = s.get(2) * s.get(3);
            NDArray qkv;
            try (NDArray h = norm.forward(in)) {
                qkv = Nn.conv(h, qkvW, qkvB);
            }
            NDList parts = qkv.split(3, 1);
            NDArray q = parts.get(0).reshape(n, c, hw).transpose(0, 2, 1); // [N, HW, C]
            NDArray k = parts.get(1).reshape(n, c, hw); // [N, C, HW]
            NDArray v = parts.get(2).reshape(n, c, hw); // [N, C, HW]
            NDArray scores = q.matMul(k).muli((float) Math.pow(c, -0.5)); // [N, HW(q), HW(k)]
            NDArray probs = scores.softmax(2);
            NDArray mixed = v.matMul(probs.transpose(0, 2, 1)).reshape(s); // [N, C, HW(q)]
            return Nn.conv(mixed, projW, projB).addi(in);
        });
    }
}
