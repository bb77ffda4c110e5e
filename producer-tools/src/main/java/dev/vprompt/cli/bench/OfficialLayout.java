package dev.vprompt.cli.bench;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.VqganConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every tensor name and shape of an official MAE-VQGAN training checkpoint's {@code model} entry for a config: the
 * tensors inference reads ({@link MaeVqganConfig#expectedShapes()}) plus those it skips but the official file carries,
 * the VQGAN encoder ({@code vae.encoder.*}, taming-transformers {@code Encoder}) and {@code vae.quant_conv}. For the
 * official config that is about 402M parameters (1.5 GiB of float32). Used to write realistic benchmark checkpoints.
 *
 * <p>Thread-safe: stateless.
 */
final class OfficialLayout {

    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private OfficialLayout() {}

    /** Name to shape, MAE tensors first, then the VQGAN's encoder, quant_conv and the inference VQGAN tensors. */
    static Map<String, long[]> shapes(MaeVqganConfig cfg) {
        OfficialLayout layout = new OfficialLayout();
        Map<String, long[]> inference = cfg.expectedShapes();
        inference.forEach((name, shape) -> {
            if (!name.startsWith("vae.")) {
                layout.shapes.put(name, shape);
            }
        });
        layout.encoder(cfg.vqgan());
        layout.conv("vae.quant_conv", cfg.vqgan().embedDim(), cfg.vqgan().zChannels(), 1);
        inference.forEach((name, shape) -> {
            if (name.startsWith("vae.")) {
                layout.shapes.put(name, shape);
            }
        });
        return layout.shapes;
    }

    /** Scalar parameters of {@code shapes}. */
    static long parameters(Map<String, long[]> shapes) {
        long n = 0;
        for (long[] shape : shapes.values()) {
            n += numel(shape);
        }
        return n;
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** taming {@code Encoder}: conv_in, per level res blocks (+ attention) and a downsampling conv, mid, out. */
    private void encoder(VqganConfig v) {
        String p = "vae.encoder";
        conv(p + ".conv_in", v.ch(), v.inChannels(), 3);
        int blockIn = v.ch();
        int resolution = v.resolution();
        for (int level = 0; level < v.levels(); level++) {
            int blockOut = v.levelChannels(level);
            for (int b = 0; b < v.numResBlocks(); b++) {
                resnet(p + ".down." + level + ".block." + b, blockIn, blockOut);
                blockIn = blockOut;
                if (v.attnResolutions().contains(resolution)) {
                    attention(p + ".down." + level + ".attn." + b, blockIn);
                }
            }
            if (level != v.levels() - 1) {
                conv(p + ".down." + level + ".downsample.conv", blockIn, blockIn, 3);
                resolution /= 2;
            }
        }
        resnet(p + ".mid.block_1", blockIn, blockIn);
        attention(p + ".mid.attn_1", blockIn);
        resnet(p + ".mid.block_2", blockIn, blockIn);
        norm(p + ".norm_out", blockIn);
        conv(p + ".conv_out", v.doubleZ() ? 2 * v.zChannels() : v.zChannels(), blockIn, 3);
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
        for (String name : new String[] {"q", "k", "v", "proj_out"}) {
            conv(p + "." + name, c, c, 1);
        }
    }

    private void conv(String p, int out, int in, int k) {
        shapes.put(p + ".weight", new long[] {out, in, k, k});
        shapes.put(p + ".bias", new long[] {out});
    }

    private void norm(String p, int c) {
        shapes.put(p + ".weight", new long[] {c});
        shapes.put(p + ".bias", new long[] {c});
    }
}
