package dev.vprompt.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The inference half of taming's {@code VQModel}: codebook lookup, {@code post_quant_conv} and the {@code Decoder}
 * ({@code conv_in}; mid ResnetBlock, AttnBlock, ResnetBlock; per level from the coarsest: {@code num_res_blocks+1}
 * ResnetBlocks, each followed by an AttnBlock at the attention resolutions, then nearest x2 upsampling and a 3x3
 * convolution except at level 0; GroupNorm, swish, {@code conv_out}). Immutable after construction.
 */
final class VqganDecoder {

    static final String PREFIX = "vae.decoder.";
    static final String CODEBOOK = "vae.quantize.embedding.weight";
    static final String POST_QUANT_CONV = "vae.post_quant_conv.";

    private final NDArray codebook;
    private final NDArray postQuantW;
    private final NDArray postQuantB;
    private final NDArray convInW;
    private final NDArray convInB;
    private final ResnetBlock mid1;
    private final AttnBlock midAttn;
    private final ResnetBlock mid2;
    private final List<Level> levels = new ArrayList<>();
    private final GroupNorm normOut;
    private final NDArray convOutW;
    private final NDArray convOutB;

    /** One resolution level, coarsest first in {@link #levels}. */
    private record Level(List<ResnetBlock> blocks, List<AttnBlock> attns, NDArray upW, NDArray upB) {}

    VqganDecoder(Weights w, VqganConfig v) {
        NormConstants constants = new NormConstants(w, v.numGroups());
        codebook = w.get(CODEBOOK);
        postQuantW = w.get(POST_QUANT_CONV + "weight");
        postQuantB = w.get(POST_QUANT_CONV + "bias");
        convInW = w.get(PREFIX + "conv_in.weight");
        convInB = w.get(PREFIX + "conv_in.bias");
        mid1 = new ResnetBlock(w, PREFIX + "mid.block_1.", false, constants);
        midAttn = new AttnBlock(w, PREFIX + "mid.attn_1.", constants);
        mid2 = new ResnetBlock(w, PREFIX + "mid.block_2.", false, constants);
        int top = v.levels() - 1;
        int blockIn = v.levelChannels(top);
        for (int level = top; level >= 0; level--) {
            String up = PREFIX + "up." + level + ".";
            int out = v.levelChannels(level);
            List<ResnetBlock> blocks = new ArrayList<>();
            List<AttnBlock> attns = new ArrayList<>();
            for (int b = 0; b <= v.numResBlocks(); b++) {
                blocks.add(new ResnetBlock(w, up + "block." + b + ".", blockIn != out, constants));
                blockIn = out;
                if (v.hasAttention(level)) {
                    attns.add(new AttnBlock(w, up + "attn." + b + ".", constants));
                }
            }
            NDArray upW = level == 0 ? null : w.get(up + "upsample.conv.weight");
            NDArray upB = level == 0 ? null : w.get(up + "upsample.conv.bias");
            levels.add(new Level(blocks, attns, upW, upB));
        }
        normOut = new GroupNorm(w, PREFIX + "norm_out.", constants);
        convOutW = w.get(PREFIX + "conv_out.weight");
        convOutB = w.get(PREFIX + "conv_out.bias");
    }

    /**
     * Codebook rows of the tokens, channel-first: {@code tokens} int64 [N, P] (P = grid^2) to [N, embed_dim, grid,
     * grid], in {@code tokens}' manager.
     */
    NDArray lookup(NDArray tokens, int grid) {
        long n = tokens.getShape().get(0);
        NDArray rows = tokens.getNDArrayInternal()
                .embedding(tokens, codebook, SparseFormat.DENSE)
                .singletonOrThrow();
        return rows.reshape(n, grid, grid, codebook.getShape().get(1)).transpose(0, 3, 1, 2);
    }

    /** {@code post_quant_conv} + decoder: [N, embed_dim, g, g] to the raw [N, 3, 16g, 16g] decoder output. */
    NDArray decode(NDArray zq) {
        return Nn.scoped(zq, z -> {
            NDArray h;
            try (NDArray q = Nn.conv(z, postQuantW, postQuantB)) {
                h = Nn.conv(q, convInW, convInB);
            }
            h = replace(h, mid1.forward(h));
            h = replace(h, midAttn.forward(h));
            h = replace(h, mid2.forward(h));
            for (Level level : levels) {
                for (int b = 0; b < level.blocks().size(); b++) {
                    h = replace(h, level.blocks().get(b).forward(h));
                    if (!level.attns().isEmpty()) {
                        h = replace(h, level.attns().get(b).forward(h));
                    }
                }
                if (level.upW() != null) {
                    try (NDArray up = Nn.upsampleNearest2x(h)) {
                        h = replace(h, Nn.conv(up, level.upW(), level.upB()));
                    }
                }
            }
            try (NDArray a = h;
                    NDArray s = normOut.forwardSwish(a)) {
                return Nn.conv(s, convOutW, convOutB);
            }
        });
    }

    private static NDArray replace(NDArray old, NDArray next) {
        old.close();
        return next;
    }
}
