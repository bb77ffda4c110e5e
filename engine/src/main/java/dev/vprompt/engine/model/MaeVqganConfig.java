package dev.vprompt.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.common.Problems;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.PatchMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The architecture of an MAE-VQGAN model, with the keys of the official-style {@code config.json}. The named
 * architectures are {@link #official()} (ViT-L/16, the paper's model), {@link #vitBase()} (ViT-B/16-sized, for
 * benchmarks) and {@link #tiny()} (the reference fixtures' size, for tests and demos).
 *
 * <p>Immutable; the compact constructor validates everything and throws one {@link ModelConfigException} that lists
 * every problem. The canvas is fixed at 224x224 with 16x16 patches ({@link Canvas#SIZE}, {@link PatchMask}), so
 * {@code img_size}, {@code patch_size} and the VQGAN upsampling factor must agree with it.
 *
 * @param imgSize input size in pixels (224)
 * @param patchSize patch size in pixels (16)
 * @param embedDim encoder width
 * @param depth encoder blocks
 * @param numHeads encoder attention heads
 * @param decoderEmbedDim decoder width
 * @param decoderDepth decoder blocks
 * @param decoderNumHeads decoder attention heads
 * @param mlpRatio MLP hidden width / block width
 * @param normEps epsilon of every MAE LayerNorm
 * @param inChans image channels (3)
 * @param vocabSize logits per patch; must equal the VQGAN codebook size
 * @param vqgan the VQGAN tokenizer/decoder
 */
public record MaeVqganConfig(
        @JsonProperty("img_size") int imgSize,
        @JsonProperty("patch_size") int patchSize,
        @JsonProperty("embed_dim") int embedDim,
        @JsonProperty("depth") int depth,
        @JsonProperty("num_heads") int numHeads,
        @JsonProperty("decoder_embed_dim") int decoderEmbedDim,
        @JsonProperty("decoder_depth") int decoderDepth,
        @JsonProperty("decoder_num_heads") int decoderNumHeads,
        @JsonProperty("mlp_ratio") double mlpRatio,
        @JsonProperty("norm_eps") double normEps,
        @JsonProperty("in_chans") int inChans,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("vqgan") VqganConfig vqgan) {

    /** LayerNorm epsilon of the official models ({@code partial(nn.LayerNorm, eps=1e-6)}). */
    public static final double DEFAULT_NORM_EPS = 1e-6;
    /** MLP ratio of the official models. */
    public static final double DEFAULT_MLP_RATIO = 4.0;
    /** Logits per patch, hard-coded in the official model. */
    public static final int DEFAULT_VOCAB_SIZE = 1024;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public MaeVqganConfig {
        Problems p = new Problems();
        if (imgSize != Canvas.SIZE) {
            p.add("img_size must be " + Canvas.SIZE + " (the canvas size): " + imgSize);
        }
        if (patchSize != PatchMask.PATCH_SIZE) {
            p.add("patch_size must be " + PatchMask.PATCH_SIZE + " (the canvas patch grid): " + patchSize);
        }
        checkWidth(p, "embed_dim", "num_heads", embedDim, numHeads);
        checkWidth(p, "decoder_embed_dim", "decoder_num_heads", decoderEmbedDim, decoderNumHeads);
        p.requirePositive(depth, "depth");
        p.requirePositive(decoderDepth, "decoder_depth");
        if (!(mlpRatio > 0) || (long) (embedDim * mlpRatio) <= 0 || (long) (decoderEmbedDim * mlpRatio) <= 0) {
            p.add("mlp_ratio must give a positive MLP width: " + mlpRatio);
        }
        if (!(normEps > 0)) {
            p.add("norm_eps must be positive: " + normEps);
        }
        if (inChans != 3) {
            p.add("in_chans must be 3 (RGB canvases): " + inChans);
        }
        p.requirePositive(vocabSize, "vocab_size");
        if (vqgan == null) {
            p.add("vqgan must be given");
        } else {
            if (vocabSize != vqgan.nEmbed()) {
                p.add("vocab_size " + vocabSize + " must equal vqgan.n_embed " + vqgan.nEmbed());
            }
            if (vqgan.outCh() != 3) {
                p.add("vqgan.out_ch must be 3 (RGB output): " + vqgan.outCh());
            }
            if (patchSize > 0 && (1L << (vqgan.levels() - 1)) != patchSize) {
                p.add("vqgan upsamples by 2^(len(ch_mult)-1) = " + (1L << (vqgan.levels() - 1))
                        + ", which must equal patch_size " + patchSize + " so tokens decode to the canvas size");
            }
        }
        p.throwIfAny(list -> new ModelConfigException("invalid MAE-VQGAN config: " + String.join("; ", list)));
    }

    /**
     * The official MAE-VQGAN: {@code mae_vit_large_patch16} (ViT-L/16: 1024 wide, 24 blocks, 16 heads; decoder 512
     * wide, 8 blocks, 16 heads; MLP ratio 4; LayerNorm eps 1e-6) with taming's {@code vqgan_imagenet_f16_1024}.
     */
    public static MaeVqganConfig official() {
        return withOfficialLayout(1024, 24, 16, 512, 8, 16, VqganConfig.imagenetF16x1024());
    }

    /** A ViT-B/16-sized MAE (768 wide, 12 blocks, 12 heads; decoder 512/8/16) with the official VQGAN; for benchmarks. */
    public static MaeVqganConfig vitBase() {
        return withOfficialLayout(768, 12, 12, 512, 8, 16, VqganConfig.imagenetF16x1024());
    }

    /**
     * The tiny reference architecture of the parity fixtures ({@code fixtures/mae_vqgan_tiny/config.json}): the
     * official layout at a small size, MAE 64 wide, 2 blocks, 4 heads; decoder 32 wide, 2 blocks, 4 heads; MLP ratio
     * 4, LayerNorm eps 1e-6; with {@link VqganConfig#tiny()}. The model a worker serves without a checkpoint, the
     * {@code fixture} of the engine commands, and the model of tests that need no reference data.
     */
    public static MaeVqganConfig tiny() {
        return withOfficialLayout(64, 2, 4, 32, 2, 4, VqganConfig.tiny());
    }

    /** The official model's layout (224x224 canvas, 16x16 patches, RGB, MLP ratio 4, eps 1e-6, 1024 logits) at a size. */
    private static MaeVqganConfig withOfficialLayout(
            int embedDim,
            int depth,
            int numHeads,
            int decoderEmbedDim,
            int decoderDepth,
            int decoderNumHeads,
            VqganConfig vqgan) {
        return new MaeVqganConfig(
                Canvas.SIZE,
                PatchMask.PATCH_SIZE,
                embedDim,
                depth,
                numHeads,
                decoderEmbedDim,
                decoderDepth,
                decoderNumHeads,
                DEFAULT_MLP_RATIO,
                DEFAULT_NORM_EPS,
                3,
                DEFAULT_VOCAB_SIZE,
                vqgan);
    }

    /** Reads a {@code config.json}; unknown keys are ignored, missing or bad values are reported. */
    public static MaeVqganConfig fromJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + file, e);
        }
    }

    /** Reads a {@code config.json} from a stream (not closed). */
    public static MaeVqganConfig fromJson(InputStream in) {
        try {
            return JSON.readValue(in, MaeVqganConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelConfigException mce) {
                throw mce;
            }
            throw new ModelConfigException("invalid model config: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelConfigException("invalid model config JSON: " + e.getMessage(), e);
        }
    }

    /** Patches per side (14). */
    public int gridSize() {
        return imgSize / patchSize;
    }

    /** Patches per image (196). */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    /** Hidden width of the encoder MLP ({@code int(embed_dim * mlp_ratio)}, as timm computes it). */
    public int mlpHidden() {
        return (int) (embedDim * mlpRatio);
    }

    /** Hidden width of the decoder MLP. */
    public int decoderMlpHidden() {
        return (int) (decoderEmbedDim * mlpRatio);
    }

    /**
     * Every tensor the inference pass reads, by its name in the official state dict, with its shape, in state-dict
     * order. Tensors the official checkpoint also holds but inference does not need ({@code vae.encoder.*},
     * {@code vae.quant_conv.*}) are not listed.
     */
    public Map<String, long[]> expectedShapes() {
        return ParameterShapes.of(this);
    }

    private static void checkWidth(Problems p, String widthName, String headsName, int width, int heads) {
        p.requirePositive(width, widthName);
        p.requirePositive(heads, headsName);
        if (width > 0 && heads > 0 && width % heads != 0) {
            p.add(widthName + " " + width + " must be divisible by " + headsName + " " + heads);
        }
        if (width > 0 && width % 4 != 0) {
            p.add(widthName + " must be divisible by 4 (2-D sin-cos position embedding): " + width);
        }
    }
}
