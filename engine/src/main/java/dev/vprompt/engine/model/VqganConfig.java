package dev.vprompt.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vprompt.common.Problems;
import java.util.List;

/**
 * The VQGAN part of an MAE-VQGAN model: the taming-transformers {@code ddconfig} plus the codebook size. Only the
 * decoder half is used for inference; the encoder fields are kept so a config file round-trips.
 *
 * <p>Immutable; validated on construction ({@link ModelConfigException} listing every problem).
 *
 * @param embedDim codebook vector size ({@code embed_dim})
 * @param nEmbed codebook entries ({@code n_embed}); the MAE predicts logits over these
 * @param ch base channel count
 * @param chMult channel multiplier per resolution level
 * @param numResBlocks ResnetBlocks per encoder level (the decoder has one more per level)
 * @param attnResolutions nominal resolutions at which AttnBlocks follow the ResnetBlocks
 * @param zChannels latent channels entering the decoder
 * @param resolution nominal image resolution of the VQGAN (256 for the official model)
 * @param inChannels image channels of the encoder
 * @param outCh image channels the decoder produces
 * @param doubleZ whether the encoder doubles z (unused at inference)
 * @param dropout dropout rate (ignored at inference)
 * @param numGroups group count of every GroupNorm ({@code num_groups}); absent means {@value #GROUPS}, the official
 *     value, so official configs read unchanged
 */
public record VqganConfig(
        @JsonProperty("embed_dim") int embedDim,
        @JsonProperty("n_embed") int nEmbed,
        @JsonProperty("ch") int ch,
        @JsonProperty("ch_mult") List<Integer> chMult,
        @JsonProperty("num_res_blocks") int numResBlocks,
        @JsonProperty("attn_resolutions") List<Integer> attnResolutions,
        @JsonProperty("z_channels") int zChannels,
        @JsonProperty("resolution") int resolution,
        @JsonProperty("in_channels") int inChannels,
        @JsonProperty("out_ch") int outCh,
        @JsonProperty("double_z") boolean doubleZ,
        @JsonProperty("dropout") double dropout,
        @JsonProperty("num_groups") Integer numGroups) {

    /** Default group count of every VQGAN GroupNorm (hard-coded in the official code). */
    public static final int GROUPS = 32;
    /** Epsilon of every VQGAN GroupNorm (hard-coded in the official code). */
    public static final double GROUP_NORM_EPS = 1e-6;

    public VqganConfig {
        chMult = chMult == null ? null : List.copyOf(chMult);
        attnResolutions = attnResolutions == null ? null : List.copyOf(attnResolutions);
        numGroups = numGroups == null ? GROUPS : numGroups;
        problems(
                        embedDim,
                        nEmbed,
                        ch,
                        chMult,
                        numResBlocks,
                        attnResolutions,
                        zChannels,
                        resolution,
                        outCh,
                        dropout,
                        numGroups)
                .throwIfAny(p -> new ModelConfigException("invalid vqgan config: " + String.join("; ", p)));
    }

    /** A config with the official {@value #GROUPS} GroupNorm groups. */
    public VqganConfig(
            int embedDim,
            int nEmbed,
            int ch,
            List<Integer> chMult,
            int numResBlocks,
            List<Integer> attnResolutions,
            int zChannels,
            int resolution,
            int inChannels,
            int outCh,
            boolean doubleZ,
            double dropout) {
        this(
                embedDim,
                nEmbed,
                ch,
                chMult,
                numResBlocks,
                attnResolutions,
                zChannels,
                resolution,
                inChannels,
                outCh,
                doubleZ,
                dropout,
                GROUPS);
    }

    /** {@code vqgan_imagenet_f16_1024} of taming-transformers, the VQGAN of the official MAE-VQGAN. */
    public static VqganConfig imagenetF16x1024() {
        return new VqganConfig(256, 1024, 128, List.of(1, 1, 2, 2, 4), 2, List.of(16), 256, 256, 3, 3, false, 0.0);
    }

    /**
     * The VQGAN of the tiny reference fixtures: embed 16, codebook 1024, ch 32, ch_mult 1,1,2,2,2, one res block,
     * attention at 16, z 16, resolution 256.
     */
    public static VqganConfig tiny() {
        return new VqganConfig(16, 1024, 32, List.of(1, 1, 2, 2, 2), 1, List.of(16), 16, 256, 3, 3, false, 0.0);
    }

    /** Number of resolution levels ({@code len(ch_mult)}). */
    public int levels() {
        return chMult.size();
    }

    /** Output channels of decoder level {@code level} ({@code ch * ch_mult[level]}). */
    public int levelChannels(int level) {
        return ch * chMult.get(level);
    }

    /** Nominal resolution of decoder level {@code level}: {@code resolution / 2^level}. */
    public int nominalResolution(int level) {
        return resolution >> level;
    }

    /** Whether decoder level {@code level} has AttnBlocks after its ResnetBlocks. */
    public boolean hasAttention(int level) {
        return attnResolutions.contains(nominalResolution(level));
    }

    private static Problems problems(
            int embedDim,
            int nEmbed,
            int ch,
            List<Integer> chMult,
            int numResBlocks,
            List<Integer> attnResolutions,
            int zChannels,
            int resolution,
            int outCh,
            double dropout,
            int groups) {
        Problems p = new Problems();
        p.requirePositive(embedDim, "embed_dim");
        p.requirePositive(nEmbed, "n_embed");
        p.requirePositive(ch, "ch");
        p.requirePositive(numResBlocks, "num_res_blocks");
        p.requirePositive(zChannels, "z_channels");
        p.requirePositive(resolution, "resolution");
        p.requirePositive(outCh, "out_ch");
        p.requirePositive(groups, "num_groups");
        if (ch > 0 && groups > 0 && ch % groups != 0) {
            p.add("ch=" + ch + " must be divisible by num_groups " + groups);
        }
        if (chMult == null || chMult.isEmpty()) {
            p.add("ch_mult must not be empty");
        } else {
            for (Integer m : chMult) {
                if (m == null || m <= 0) {
                    p.add("ch_mult entries must be positive: " + chMult);
                } else if (ch > 0 && groups > 0 && (ch * m) % groups != 0) {
                    p.add("channels ch*ch_mult=" + ch * m + " must be divisible by num_groups " + groups);
                }
            }
        }
        if (attnResolutions == null) {
            p.add("attn_resolutions must be given (may be empty)");
        }
        if (dropout < 0 || dropout >= 1) {
            p.add("dropout must be in [0,1): " + dropout);
        }
        return p;
    }
}
