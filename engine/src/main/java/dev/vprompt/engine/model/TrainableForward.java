package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The serving forward pass over parameters a trainer owns, for training with DJL autograd: the same blocks
 * {@link MaeVqgan} runs (so a trained model serves with exactly the code it was trained with), plus the VQGAN encoder
 * that only training needs. Parameters are named as in the official state dict; they may require gradients.
 *
 * <pre>{@code
 * try (NDManager step = params.manager().newSubManager(); GradientCollector gc = engine.newGradientCollector()) {
 *     TrainableForward f = TrainableForward.over(params, cfg, step);
 *     NDArray logits = f.maeLogits(f.normalise(pixels), idsShuffle, kept);
 *     gc.backward(loss(logits));
 * }
 * }</pre>
 *
 * <p>Each view is built for one step: tensors derived from the parameters (fused q/k/v, reshaped norms, cls + position)
 * are computed when the view is built, inside the caller's gradient scope, and live in the step's manager. Every
 * result belongs to its input's manager. Not thread-safe: confine a view to the thread of its step.
 */
public final class TrainableForward {

    /** The codebook's state-dict name. */
    public static final String CODEBOOK = VqganDecoder.CODEBOOK;

    private final Weights weights;
    private final MaeVqganConfig cfg;
    private InputNormaliser normaliser;
    private MaeTransformer transformer;
    private VqganEncoder encoder;
    private VqganDecoder decoder;

    private TrainableForward(Weights weights, MaeVqganConfig cfg) {
        this.weights = weights;
        this.cfg = cfg;
    }

    /**
     * A view over {@code parameters} for one step. Only the parts a call uses must be present (e.g. the {@code vae.*}
     * tensors for tokenizer training).
     *
     * @param scope owns every derived tensor; close it after the step (after {@code backward})
     */
    public static TrainableForward over(Map<String, NDArray> parameters, MaeVqganConfig cfg, NDManager scope) {
        Objects.requireNonNull(cfg, "cfg");
        return new TrainableForward(Weights.over(scope, parameters), cfg);
    }

    /** The MAE tensors (everything but {@code vae.*}) with their shapes, in state-dict order. */
    public static Map<String, long[]> maeShapes(MaeVqganConfig cfg) {
        Map<String, long[]> out = new LinkedHashMap<>();
        cfg.expectedShapes().forEach((name, shape) -> {
            if (!name.startsWith("vae.")) {
                out.put(name, shape);
            }
        });
        return out;
    }

    /**
     * The VQGAN tensors a tokenizer trains: encoder, {@code quant_conv}, codebook, {@code post_quant_conv} and decoder,
     * in state-dict order.
     */
    public static Map<String, long[]> tokenizerShapes(MaeVqganConfig cfg) {
        Map<String, long[]> out = new LinkedHashMap<>(ParameterShapes.encoder(cfg.vqgan()));
        cfg.expectedShapes().forEach((name, shape) -> {
            if (name.startsWith("vae.")) {
                out.put(name, shape);
            }
        });
        return out;
    }

    /**
     * Fresh float32 parameters of {@code shapes} in {@code manager}, initialised as {@link MaeVqgan#random} initialises
     * a model (deterministic per name and seed).
     */
    public static Map<String, NDArray> initialise(
            Map<String, long[]> shapes, MaeVqganConfig cfg, long seed, NDManager manager) {
        Weights w = new Weights(manager, DataType.FLOAT32);
        RandomWeights.fill(w, shapes, cfg, seed);
        w.finishLoading();
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : shapes.keySet()) {
            out.put(name, w.get(name));
        }
        return out;
    }

    /** uint8 canvases [N, 224, 224, 3] to the normalised model input [N, 3, 224, 224], as inference normalises. */
    public NDArray normalise(NDArray pixels) {
        if (normaliser == null) {
            normaliser = new InputNormaliser(weights);
        }
        return normaliser.normalise(pixels);
    }

    /**
     * The MAE logits [N, 196, vocab] of normalised canvases with the first {@code kept} patches of each
     * {@code idsShuffle} row visible.
     *
     * @param idsShuffle int64 [N, 196]: the visible patches, then the masked ones
     */
    public NDArray maeLogits(NDArray image, NDArray idsShuffle, int kept) {
        if (transformer == null) {
            transformer = new MaeTransformer(weights, cfg);
        }
        try (NDArray restore = idsShuffle.argSort(1);
                NDArray latent = transformer.encode(image, idsShuffle, kept)) {
            return transformer.decode(latent, restore);
        }
    }

    /** VQGAN encoder + {@code quant_conv}: images [N, 3, H, W] in [-1, 1] to latents [N, embed_dim, H/16, W/16]. */
    public NDArray encodeLatent(NDArray image) {
        if (encoder == null) {
            encoder = new VqganEncoder(weights, cfg.vqgan());
        }
        return encoder.encode(image);
    }

    /** {@code post_quant_conv} + VQGAN decoder: latents [N, embed_dim, h, w] to raw images [N, 3, 16h, 16w]. */
    public NDArray decodeLatent(NDArray latent) {
        if (decoder == null) {
            decoder = new VqganDecoder(weights, cfg.vqgan());
        }
        return decoder.decode(latent);
    }

    /** Parameter arrays by name as this view sees them (for tests). */
    Map<String, NDArray> parameters() {
        return new HashMap<>(weights.parameters());
    }
}
