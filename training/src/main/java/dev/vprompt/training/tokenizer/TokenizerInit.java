package dev.vprompt.training.tokenizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vprompt.engine.model.TensorDraws;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a tokenizer's convolutions start, before the first step.
 *
 * <p>{@link #PYTORCH_DEFAULT} is what {@code MaeVqgan.random} gives every VQGAN convolution, PyTorch's default
 * {@code uniform(+-1/sqrt(fan_in))} weights and biases: a third of the variance a linear map needs to keep its
 * input's. Through the tokenizer's 20-odd convolutions the image shrinks to almost nothing at step 0, and the training
 * settles on the mean colour within 100 steps and stays there (MODEL_CARD.md, "Where the hue goes"): the shipped
 * tokenizer was trained from it and decodes every hue as one dark green-grey.
 *
 * <p>{@link #IDENTITY_RESIDUAL} draws every convolution's weights from {@code N(0, 1/fan_in)} (variance-preserving
 * for a linear map), sets every convolution bias to zero, and zeroes the last convolution of every residual branch
 * ({@code conv2}) and every attention output ({@code proj_out}), so that each block starts as the identity and the
 * encoder and decoder start as chains of variance-preserving maps and GroupNorms. The architecture does not change:
 * the decoder is still the one the served model runs. In the PyTorch diagnostic this is what keeps the four probe
 * colours apart from the first steps on.
 *
 * <p>Stateless and thread-safe; draws per tensor from a generator seeded by the seed and the tensor's name.
 */
public enum TokenizerInit {
    /** PyTorch's default convolution initialisation, as the random model has it (the shipped tokenizer's). */
    PYTORCH_DEFAULT,
    /** Variance-preserving convolutions with identity residual blocks (the default since 2026-12-07). */
    IDENTITY_RESIDUAL;

    /** Its own stream of draws (an FNV offset basis), so the start does not repeat the random model's weights. */
    private static final long STREAM = 0x84222325cbf29ce4L;

    /**
     * The tensors of {@code params} with this initialisation applied: the same map for {@link #PYTORCH_DEFAULT}, else
     * a new map in the same order whose new arrays live in {@code manager}.
     */
    public Map<String, NDArray> apply(Map<String, NDArray> params, long seed, NDManager manager) {
        if (this == PYTORCH_DEFAULT) {
            return params;
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray old = e.getValue();
            float[] values = values(name, old.getShape(), params, seed);
            if (values == null) {
                out.put(name, old);
                continue;
            }
            out.put(name, manager.create(values, old.getShape())); // the old array goes with its manager
        }
        return out;
    }

    /** The new values of tensor {@code name}, or null to keep it (norms, the codebook). */
    private static float[] values(String name, Shape shape, Map<String, NDArray> params, long seed) {
        if (!name.startsWith("vae.")) {
            return null;
        }
        boolean weight = name.endsWith(".weight") && shape.dimension() == 4;
        boolean bias = name.endsWith(".bias") && params.containsKey(convWeight(name)) && isConv(params, name);
        if (!weight && !bias) {
            return null;
        }
        float[] v = new float[Math.toIntExact(shape.size())];
        if (bias || endsBranch(name)) {
            return v;
        }
        long fanIn = shape.size() / shape.get(0);
        double std = 1.0 / Math.sqrt(fanIn);
        SplittableRandom rnd = TensorDraws.generator(seed, name, STREAM);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) TensorDraws.normal(rnd, std);
        }
        return v;
    }

    /** The last convolution of a residual branch or an attention block's output: zero at the start. */
    static boolean endsBranch(String name) {
        return name.endsWith(".conv2.weight") || name.endsWith(".proj_out.weight");
    }

    private static String convWeight(String bias) {
        return bias.substring(0, bias.length() - "bias".length()) + "weight";
    }

    private static boolean isConv(Map<String, NDArray> params, String bias) {
        return params.get(convWeight(bias)).getShape().dimension() == 4;
    }
}
