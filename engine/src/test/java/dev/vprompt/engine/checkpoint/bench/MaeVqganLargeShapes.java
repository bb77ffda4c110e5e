package dev.vprompt.engine.checkpoint.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tensor names and shapes of a full-size MAE-VQGAN state dict: MAE ViT-L/16 (encoder 1024 x 24, decoder 512 x 8,
 * 1024-way {@code decoder_pred}) plus the {@code vae.*} VQGAN f16/1024 (ch 128, ch_mult 1,1,2,2,4, 2 res blocks,
 * attention at 16, z 256, codebook 1024 x 256), about 400M parameters. For benchmarks: the layout follows the
 * architecture description, not a real checkpoint.
 */
final class MaeVqganLargeShapes {

    private static final int CH = 128;
    private static final List<Integer> CH_MULT = List.of(1, 1, 2, 2, 4);
    private static final int RES_BLOCKS = 2;
    private static final int Z = 256;
    private static final int ATTN_RES = 16;

    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private MaeVqganLargeShapes() {}

    static Map<String, long[]> shapes() {
        MaeVqganLargeShapes s = new MaeVqganLargeShapes();
        s.mae();
        s.vqgan();
        return s.shapes;
    }

    private void mae() {
        put("cls_token", 1, 1, 1024);
        put("pos_embed", 1, 197, 1024);
        put("patch_embed.proj.weight", 1024, 3, 16, 16);
        put("patch_embed.proj.bias", 1024);
        for (int i = 0; i < 24; i++) {
            transformerBlock("blocks." + i, 1024);
        }
        norm("norm", 1024);
        linear("decoder_embed", 512, 1024);
        put("mask_token", 1, 1, 512);
        put("decoder_pos_embed", 1, 197, 512);
        for (int i = 0; i < 8; i++) {
            transformerBlock("decoder_blocks." + i, 512);
        }
        norm("decoder_norm", 512);
        linear("decoder_pred", 1024, 512);
    }

    private void transformerBlock(String p, int dim) {
        norm(p + ".norm1", dim);
        linear(p + ".attn.qkv", 3 * dim, dim);
        linear(p + ".attn.proj", dim, dim);
        norm(p + ".norm2", dim);
        linear(p + ".mlp.fc1", 4 * dim, dim);
        linear(p + ".mlp.fc2", dim, 4 * dim);
    }

    private void vqgan() {
        conv("vae.encoder.conv_in", CH, 3, 3);
        int blockIn = CH;
        int res = 256;
        for (int level = 0; level < CH_MULT.size(); level++) {
            int blockOut = CH * CH_MULT.get(level);
            for (int b = 0; b < RES_BLOCKS; b++) {
                resnet("vae.encoder.down." + level + ".block." + b, blockIn, blockOut);
                blockIn = blockOut;
                if (res == ATTN_RES) {
                    attention("vae.encoder.down." + level + ".attn." + b, blockIn);
                }
            }
            if (level != CH_MULT.size() - 1) {
                conv("vae.encoder.down." + level + ".downsample.conv", blockIn, blockIn, 3);
                res /= 2;
            }
        }
        middle("vae.encoder", blockIn);
        norm("vae.encoder.norm_out", blockIn);
        conv("vae.encoder.conv_out", Z, blockIn, 3);
        conv("vae.quant_conv", Z, Z, 1);
        put("vae.quantize.embedding.weight", 1024, Z);
        conv("vae.post_quant_conv", Z, Z, 1);
        decoder();
    }

    private void decoder() {
        int blockIn = CH * CH_MULT.get(CH_MULT.size() - 1);
        int res = ATTN_RES;
        conv("vae.decoder.conv_in", blockIn, Z, 3);
        middle("vae.decoder", blockIn);
        for (int level = CH_MULT.size() - 1; level >= 0; level--) {
            int blockOut = CH * CH_MULT.get(level);
            for (int b = 0; b <= RES_BLOCKS; b++) {
                resnet("vae.decoder.up." + level + ".block." + b, blockIn, blockOut);
                blockIn = blockOut;
                if (res == ATTN_RES) {
                    attention("vae.decoder.up." + level + ".attn." + b, blockIn);
                }
            }
            if (level != 0) {
                conv("vae.decoder.up." + level + ".upsample.conv", blockIn, blockIn, 3);
                res *= 2;
            }
        }
        norm("vae.decoder.norm_out", blockIn);
        conv("vae.decoder.conv_out", 3, blockIn, 3);
    }

    private void middle(String p, int c) {
        resnet(p + ".mid.block_1", c, c);
        attention(p + ".mid.attn_1", c);
        resnet(p + ".mid.block_2", c, c);
    }

    private void resnet(String p, int in, int out) {
        norm(p + ".norm1", in);
        conv(p + ".conv1", out, in, 3);
        norm(p + ".norm2", out);
        conv(p + ".conv2", out, out, 3);
        if (in != out) {
            conv(p + ".nin_shortcut", out, in, 1);
        }
    }

    private void attention(String p, int c) {
        norm(p + ".norm", c);
        for (String name : List.of("q", "k", "v", "proj_out")) {
            conv(p + "." + name, c, c, 1);
        }
    }

    private void linear(String p, int out, int in) {
        put(p + ".weight", out, in);
        put(p + ".bias", out);
    }

    private void conv(String p, int out, int in, int k) {
        put(p + ".weight", out, in, k, k);
        put(p + ".bias", out);
    }

    private void norm(String p, int c) {
        put(p + ".weight", c);
        put(p + ".bias", c);
    }

    private void put(String name, long... shape) {
        shapes.put(name, shape);
    }
}
