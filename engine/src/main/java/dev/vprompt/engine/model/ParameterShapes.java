package dev.vprompt.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the name -> shape table of every tensor the inference pass needs, as the official state dict names them. */
final class ParameterShapes {

    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private ParameterShapes() {}

    static Map<String, long[]> of(MaeVqganConfig cfg) {
        ParameterShapes s = new ParameterShapes();
        s.mae(cfg);
        s.vqgan(cfg.vqgan());
        s.maeDecoder(cfg);
        return Collections.unmodifiableMap(s.shapes);
    }

    /**
     * The tensors of the VQGAN encoder and {@code quant_conv} ({@code vae.encoder.*}, {@code vae.quant_conv.*}), which
     * the official checkpoint holds but inference does not read, in state-dict order.
     */
    static Map<String, long[]> encoder(VqganConfig v) {
        ParameterShapes s = new ParameterShapes();
        s.vqganEncoder(v);
        return Collections.unmodifiableMap(s.shapes);
    }

    private void vqganEncoder(VqganConfig v) {
        String p = VqganEncoder.PREFIX;
        conv(p + "conv_in.", v.ch(), v.inChannels(), 3);
        int blockIn = v.ch();
        for (int level = 0; level < v.levels(); level++) {
            int out = v.levelChannels(level);
            String down = p + "down." + level + ".";
            for (int b = 0; b < v.numResBlocks(); b++) {
                resnet(down + "block." + b + ".", blockIn, out);
                blockIn = out;
            }
            if (v.hasAttention(level)) {
                for (int b = 0; b < v.numResBlocks(); b++) {
                    attention(down + "attn." + b + ".", out);
                }
            }
            if (level != v.levels() - 1) {
                conv(down + "downsample.conv.", out, out, 3);
            }
        }
        resnet(p + "mid.block_1.", blockIn, blockIn);
        attention(p + "mid.attn_1.", blockIn);
        resnet(p + "mid.block_2.", blockIn, blockIn);
        norm(p + "norm_out.", blockIn);
        conv(p + "conv_out.", v.zChannels(), blockIn, 3);
        conv(VqganEncoder.QUANT_CONV, v.embedDim(), v.zChannels(), 1);
    }

    private void mae(MaeVqganConfig cfg) {
        int e = cfg.embedDim();
        int d = cfg.decoderEmbedDim();
        long tokens = cfg.numPatches() + 1L;
        put("cls_token", 1, 1, e);
        put("pos_embed", 1, tokens, e);
        put("mask_token", 1, 1, d);
        put("decoder_pos_embed", 1, tokens, d);
        put("patch_embed.proj.weight", e, cfg.inChans(), cfg.patchSize(), cfg.patchSize());
        put("patch_embed.proj.bias", e);
        for (int i = 0; i < cfg.depth(); i++) {
            block("blocks." + i + ".", e, cfg.mlpHidden());
        }
        norm("norm.", e);
    }

    private void maeDecoder(MaeVqganConfig cfg) {
        int e = cfg.embedDim();
        int d = cfg.decoderEmbedDim();
        linear("decoder_embed.", d, e);
        for (int i = 0; i < cfg.decoderDepth(); i++) {
            block("decoder_blocks." + i + ".", d, cfg.decoderMlpHidden());
        }
        norm("decoder_norm.", d);
        linear("decoder_pred.", cfg.vocabSize(), d);
    }

    private void block(String prefix, int width, int hidden) {
        norm(prefix + "norm1.", width);
        linear(prefix + "attn.qkv.", 3L * width, width);
        linear(prefix + "attn.proj.", width, width);
        norm(prefix + "norm2.", width);
        linear(prefix + "mlp.fc1.", hidden, width);
        linear(prefix + "mlp.fc2.", width, hidden);
    }

    private void vqgan(VqganConfig v) {
        String p = VqganDecoder.PREFIX;
        int top = v.levels() - 1;
        int blockIn = v.levelChannels(top);
        conv(p + "conv_in.", blockIn, v.zChannels(), 3);
        resnet(p + "mid.block_1.", blockIn, blockIn);
        attention(p + "mid.attn_1.", blockIn);
        resnet(p + "mid.block_2.", blockIn, blockIn);
        // The state dict lists up.0 .. up.(L-1); level L-1 runs first and its input is the mid block's output.
        for (int level = 0; level < v.levels(); level++) {
            int in = level == top ? blockIn : v.levelChannels(level + 1);
            int out = v.levelChannels(level);
            String up = p + "up." + level + ".";
            for (int b = 0; b <= v.numResBlocks(); b++) {
                resnet(up + "block." + b + ".", b == 0 ? in : out, out);
            }
            if (v.hasAttention(level)) {
                for (int b = 0; b <= v.numResBlocks(); b++) {
                    attention(up + "attn." + b + ".", out);
                }
            }
            if (level != 0) {
                conv(up + "upsample.conv.", out, out, 3);
            }
        }
        norm(p + "norm_out.", v.levelChannels(0));
        conv(p + "conv_out.", v.outCh(), v.levelChannels(0), 3);
        put(VqganDecoder.CODEBOOK, v.nEmbed(), v.embedDim());
        conv(VqganDecoder.POST_QUANT_CONV, v.zChannels(), v.embedDim(), 1);
    }

    private void resnet(String prefix, int in, int out) {
        norm(prefix + "norm1.", in);
        conv(prefix + "conv1.", out, in, 3);
        norm(prefix + "norm2.", out);
        conv(prefix + "conv2.", out, out, 3);
        if (in != out) {
            conv(prefix + "nin_shortcut.", out, in, 1);
        }
    }

    private void attention(String prefix, int c) {
        norm(prefix + "norm.", c);
        conv(prefix + "q.", c, c, 1);
        conv(prefix + "k.", c, c, 1);
        conv(prefix + "v.", c, c, 1);
        conv(prefix + "proj_out.", c, c, 1);
    }

    private void norm(String prefix, long width) {
        put(prefix + "weight", width);
        put(prefix + "bias", width);
    }

    private void linear(String prefix, long out, long in) {
        put(prefix + "weight", out, in);
        put(prefix + "bias", out);
    }

    private void conv(String prefix, long out, long in, long kernel) {
        put(prefix + "weight", out, in, kernel, kernel);
        put(prefix + "bias", out);
    }

    private void put(String name, long... shape) {
        shapes.put(name, shape);
    }
}
