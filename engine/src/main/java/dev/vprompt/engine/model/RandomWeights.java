package dev.vprompt.engine.model;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic random weights of the official architecture, in the spirit of the official initialisation:
 * xavier-uniform Linear and patch-embedding weights with zero biases, unit LayerNorms, N(0, 0.02) cls and mask
 * tokens, the fixed sin-cos position tables, PyTorch's default uniform(+-1/sqrt(fan_in)) convolutions for the VQGAN,
 * unit GroupNorms and a uniform(+-1/n_embed) codebook.
 *
 * <p>Each tensor draws from its own generator ({@link TensorDraws}, the model stream), so the values do not depend on
 * the device or on the order of creation. Stateless; thread-safe.
 */
final class RandomWeights {

    private RandomWeights() {}

    static void fill(Weights weights, MaeVqganConfig cfg, long seed) {
        fill(weights, cfg.expectedShapes(), cfg, seed);
    }

    /** Fills the tensors of {@code shapes} (named as in the official state dict) of model {@code cfg}. */
    static void fill(Weights weights, Map<String, long[]> shapes, MaeVqganConfig cfg, long seed) {
        ByteBuffer buffer = null;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            int numel = Math.toIntExact(numel(shape));
            if (buffer == null || buffer.capacity() < 4 * numel) {
                buffer = ByteBuffer.allocateDirect(Math.max(4 * numel, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear();
            FloatBuffer values = buffer.asFloatBuffer();
            values.limit(numel);
            generate(name, shape, shapes, cfg, TensorDraws.generator(seed, name, TensorDraws.MODEL_STREAM), values);
            buffer.limit(4 * numel);
            weights.put(name, shape, DataType.FLOAT32, buffer);
        }
    }

    private static void generate(
            String name,
            long[] shape,
            Map<String, long[]> shapes,
            MaeVqganConfig cfg,
            SplittableRandom rnd,
            FloatBuffer out) {
        int n = out.limit();
        boolean bias = name.endsWith(".bias");
        boolean conv = name.startsWith("vae.") || name.startsWith("patch_embed.");
        if (name.equals("pos_embed") || name.equals("decoder_pos_embed")) {
            out.put(SinCosPositions.table((int) shape[2], cfg.gridSize()));
        } else if (name.equals("cls_token") || name.equals("mask_token")) {
            normal(rnd, out, n, 0.02);
        } else if (name.equals(VqganDecoder.CODEBOOK)) {
            uniform(rnd, out, n, 1.0 / cfg.vqgan().nEmbed());
        } else if (name.contains("norm")) {
            constant(out, n, bias ? 0f : 1f);
        } else if (bias && conv) {
            long[] weight = shapes.get(name.substring(0, name.length() - "bias".length()) + "weight");
            uniform(rnd, out, n, 1.0 / Math.sqrt(fanIn(weight)));
        } else if (bias) {
            constant(out, n, 0f);
        } else if (name.startsWith("vae.")) {
            uniform(rnd, out, n, 1.0 / Math.sqrt(fanIn(shape)));
        } else {
            uniform(rnd, out, n, Math.sqrt(6.0 / (fanIn(shape) + shape[0]))); // xavier-uniform
        }
    }

    private static long fanIn(long[] shape) {
        long f = 1;
        for (int i = 1; i < shape.length; i++) {
            f *= shape[i];
        }
        return f;
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static void uniform(SplittableRandom rnd, FloatBuffer out, int n, double bound) {
        for (int i = 0; i < n; i++) {
            out.put((float) ((rnd.nextDouble() * 2 - 1) * bound));
        }
    }

    private static void normal(SplittableRandom rnd, FloatBuffer out, int n, double std) {
        for (int i = 0; i < n; i++) {
            out.put((float) TensorDraws.normal(rnd, std));
        }
    }

    private static void constant(FloatBuffer out, int n, float value) {
        for (int i = 0; i < n; i++) {
            out.put(value);
        }
    }
}
