package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * One timm-0.3.2 ViT {@code Block}: {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))}, with a fused
 * {@code qkv} projection, scores {@code (q @ k^T) * head_dim^-0.5}, softmax, {@code proj}, and an MLP
 * {@code fc1 -> exact GELU -> fc2}. Dropout and drop-path are identities at inference.
 *
 * <p>Immutable after construction; not thread-safe only in the sense that its model is not (see {@link MaeVqgan}).
 */
final class TransformerBlock {

    private final int heads;
    private final float eps;
    private final float scale;
    private final NDArray norm1W;
    private final NDArray norm1B;
    private final NDArray qkvW;
    private final NDArray qkvB;
    private final NDArray projW;
    private final NDArray projB;
    private final NDArray norm2W;
    private final NDArray norm2B;
    private final NDArray fc1W;
    private final NDArray fc1B;
    private final NDArray fc2W;
    private final NDArray fc2B;

    TransformerBlock(Weights w, String prefix, int width, int heads, double eps) {
        this.heads = heads;
        this.eps = (float) eps;
        this.scale = (float) Math.pow(width / heads, -0.5);
        norm1W = w.get(prefix + "norm1.weight");
        norm1B = w.get(prefix + "norm1.bias");
        qkvW = w.get(prefix + "attn.qkv.weight");
        qkvB = w.get(prefix + "attn.qkv.bias");
        projW = w.get(prefix + "attn.proj.weight");
        projB = w.get(prefix + "attn.proj.bias");
        norm2W = w.get(prefix + "norm2.weight");
        norm2B = w.get(prefix + "norm2.bias");
        fc1W = w.get(prefix + "mlp.fc1.weight");
        fc1B = w.get(prefix + "mlp.fc1.bias");
        fc2W = w.get(prefix + "mlp.fc2.weight");
        fc2B = w.get(prefix + "mlp.fc2.bias");
    }

    /** {@code x}: [N, L, C]; returns a new [N, L, C] array in {@code x}'s manager. */
    NDArray forward(NDArray x) {
        NDArray afterAttention = Nn.scoped(x, in -> in.add(attention(Nn.layerNorm(in, norm1W, norm1B, eps))));
        try (afterAttention) {
            return Nn.scoped(afterAttention, in -> in.add(mlp(Nn.layerNorm(in, norm2W, norm2B, eps))));
        }
    }

    private NDArray attention(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long len = s.get(1);
        long c = s.get(2);
        // [N, L, 3C] -> [N, L, 3, H, C/H] -> [3, N, H, L, C/H]
        NDArray qkv =
                Nn.linear(x, qkvW, qkvB).reshape(n, len, 3, heads, c / heads).transpose(2, 0, 3, 1, 4);
        NDList parts = qkv.split(3, 0);
        NDArray q = parts.get(0).squeeze(0);
        NDArray k = parts.get(1).squeeze(0);
        NDArray v = parts.get(2).squeeze(0);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).muli(scale);
        NDArray probs = scores.softmax(-1);
        // [N, H, L, C/H] -> [N, L, H, C/H] -> [N, L, C]
        NDArray mixed = probs.matMul(v).transpose(0, 2, 1, 3).reshape(n, len, c);
        return Nn.linear(mixed, projW, projB);
    }

    private NDArray mlp(NDArray x) {
        return Nn.linear(Nn.gelu(Nn.linear(x, fc1W, fc1B)), fc2W, fc2B);
    }
}
