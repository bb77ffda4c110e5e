package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer half of taming's {@code VQModel} that inference does not need: the {@code Encoder} ({@code conv_in};
 * per level from the finest: {@code num_res_blocks} ResnetBlocks, each followed by an AttnBlock at the attention
 * resolutions, then a stride-2 3x3 convolution on the input padded by one pixel right and bottom, except at the last
 * level; mid ResnetBlock, AttnBlock, ResnetBlock; GroupNorm, swish, {@code conv_out}) and {@code quant_conv}. It maps an
 * image in [-1, 1] to the continuous latent the codebook quantises, one vector per 16x16 patch. Immutable after
 * construction.
 */
final class VqganEncoder {

    static final String PREFIX = "vae.encoder.";
    static final String QUANT_CONV = "vae.quant_conv.";

    private final NDArray convInW;
    private final NDArray convInB;
    private final List<Level> levels = new ArrayList<>();
    private final ResnetBlock mid1;
    private final AttnBlock midAttn;
    private final ResnetBlock mid2;
    private final GroupNorm normOut;
    private final NDArray convOutW;
    private final NDArray convOutB;
    private final NDArray quantW;
    private final NDArray quantB;

    /** One resolution level, finest first in {@link #levels}; {@code downW} is null at the last level. */
    private record Level(List<ResnetBlock> blocks, List<AttnBlock> attns, NDArray downW, NDArray downB) {}

    VqganEncoder(Weights w, VqganConfig v) {
        NormConstants constants = new NormConstants(w, v.numGroups());
        convInW = w.get(PREFIX + "conv_in.weight");
        convInB = w.get(PREFIX + "conv_in.bias");
        int blockIn = v.ch();
        for (int level = 0; level < v.levels(); level++) {
            String down = PREFIX + "down." + level + ".";
            int out = v.levelChannels(level);
            List<ResnetBlock> blocks = new ArrayList<>();
            List<AttnBlock> attns = new ArrayList<>();
            for (int b = 0; b < v.numResBlocks(); b++) {
                blocks.add(new ResnetBlock(w, down + "block." + b + ".", blockIn != out, constants));
                blockIn = out;
                if (v.hasAttention(level)) {
                    attns.add(new AttnBlock(w, down + "attn." + b + ".", constants));
                }
            }
            boolean last = level == v.levels() - 1;
            NDArray downW = last ? null : w.get(down + "downsample.conv.weight");
            NDArray downB = last ? null : w.get(down + "downsample.conv.bias");
            levels.add(new Level(blocks, attns, downW, downB));
        }
        mid1 = new ResnetBlock(w, PREFIX + "mid.block_1.", false, constants);
        midAttn = new AttnBlock(w, PREFIX + "mid.attn_1.", constants);
        mid2 = new ResnetBlock(w, PREFIX + "mid.block_2.", false, constants);
        normOut = new GroupNorm(w, PREFIX + "norm_out.", constants);
        convOutW = w.get(PREFIX + "conv_out.weight");
        convOutB = w.get(PREFIX + "conv_out.bias");
        quantW = w.get(QUANT_CONV + "weight");
        quantB = w.get(QUANT_CONV + "bias");
    }

    /**
     * Encoder + {@code quant_conv}: an image [N, 3, H, W] in [-1, 1] (H, W multiples of 16) to the latent [N,
     * embed_dim, H/16, W/16], in {@code x}'s manager.
     */
    NDArray encode(NDArray x) {
        return Nn.scoped(x, in -> {
            NDArray h = Nn.conv(in, convInW, convInB);
            for (Level level : levels) {
                for (int b = 0; b < level.blocks().size(); b++) {
                    h = replace(h, level.blocks().get(b).forward(h));
                    if (!level.attns().isEmpty()) {
                        h = replace(h, level.attns().get(b).forward(h));
                    }
                }
                if (level.downW() != null) {
                    h = replace(h, Nn.downsample2x(h, level.downW(), level.downB()));
                }
            }
            h = replace(h, mid1.forward(h));
            h = replace(h, midAttn.forward(h));
            h = replace(h, mid2.forward(h));
            NDArray z;
            try (NDArray a = h;
                    NDArray s = normOut.forwardSwish(a)) {
                z = Nn.conv(s, convOutW, convOutB);
            }
            try (z) {
                return Nn.conv(z, quantW, quantB);
            }
        });
    }

    private static NDArray replace(NDArray old, NDArray next) {
        old.close();
        return next;
    }
}
