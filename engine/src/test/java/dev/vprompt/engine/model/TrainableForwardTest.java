package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.RgbImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TrainableForwardTest {

    private static final long SEED = 7;
    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-6;

    /** MAE 16 wide, one block each side; VQGAN ch 8 with 4 GroupNorm groups, attention at the coarsest level. */
    static MaeVqganConfig tiny() {
        VqganConfig v = new VqganConfig(4, 32, 8, List.of(1, 1, 2, 2, 2), 1, List.of(16), 4, 256, 3, 3, false, 0.0, 4);
        return new MaeVqganConfig(224, 16, 16, 1, 2, 16, 1, 2, 2.0, 1e-6, 3, 32, v);
    }

    @Test
    void shouldMatchFiniteDifferencesWhenDifferentiatingTheMaeThroughScopedBlocks() {
        // Given: float64 parameters and a canvas with the 2x2 answer quadrant hidden
        MaeVqganConfig cfg = tiny();
        Canvas canvas = noiseCanvas(PatchMask.rectangle(7, 13, 7, 13));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> params =
                    float64(TrainableForward.initialise(TrainableForward.maeShapes(cfg), cfg, SEED, m));
            NDArray weightsOfLoss = m.randomNormal(new Shape(1, 196, 32)).toType(DataType.FLOAT64, false);
            Function<Map<String, NDArray>, NDArray> loss = p -> {
                TrainableForward f = TrainableForward.over(p, cfg, weightsOfLoss.getManager());
                NDArray pixels = CanvasBatch.of(List.of(canvas)).pixels(weightsOfLoss.getManager());
                NDArray ids = CanvasBatch.of(List.of(canvas)).idsShuffle(weightsOfLoss.getManager());
                return f.maeLogits(f.normalise(pixels), ids, canvas.mask().keptCount())
                        .mul(weightsOfLoss)
                        .sum();
            };

            // When / Then
            assertGradientsMatch(
                    params,
                    loss,
                    List.of(
                            "cls_token",
                            "mask_token",
                            "patch_embed.proj.weight",
                            "blocks.0.attn.qkv.weight",
                            "blocks.0.norm2.weight",
                            "norm.bias",
                            "decoder_embed.weight",
                            "decoder_blocks.0.mlp.fc1.weight",
                            "decoder_pred.bias"));
        }
    }

    @Test
    void shouldMatchFiniteDifferencesWhenDifferentiatingTheVqganEncoderAndDecoder() {
        // Given: a 32x32 image through encoder, straight-through latent and decoder
        MaeVqganConfig cfg = tiny();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> params =
                    float64(TrainableForward.initialise(TrainableForward.tokenizerShapes(cfg), cfg, SEED, m));
            NDArray image = m.randomUniform(-1, 1, new Shape(2, 3, 32, 32)).toType(DataType.FLOAT64, false);
            NDArray weightsOfLoss = m.randomNormal(new Shape(2, 3, 32, 32)).toType(DataType.FLOAT64, false);
            Function<Map<String, NDArray>, NDArray> loss = p -> {
                TrainableForward f = TrainableForward.over(p, cfg, m);
                return f.decodeLatent(f.encodeLatent(image)).mul(weightsOfLoss).sum();
            };

            // When / Then
            assertGradientsMatch(
                    params,
                    loss,
                    List.of(
                            "vae.encoder.conv_in.weight",
                            "vae.encoder.down.0.block.0.norm1.weight",
                            "vae.encoder.down.1.downsample.conv.weight",
                            "vae.encoder.down.2.block.0.nin_shortcut.weight",
                            "vae.encoder.down.4.attn.0.q.weight",
                            "vae.encoder.mid.attn_1.norm.bias",
                            "vae.quant_conv.weight",
                            "vae.post_quant_conv.bias",
                            "vae.decoder.mid.block_2.conv1.weight",
                            "vae.decoder.up.4.attn.1.v.weight",
                            "vae.decoder.up.1.upsample.conv.weight",
                            "vae.decoder.norm_out.weight",
                            "vae.decoder.conv_out.bias"));
        }
    }

    @Test
    void shouldGiveTheServingLogitsWhenRunningOverTheSameParameters() {
        // Given: a served random model and a training view over the same float32 values
        MaeVqganConfig cfg = tiny();
        Canvas canvas = noiseCanvas(PatchMask.rectangle(7, 13, 7, 13));
        ForwardTrace trace = new ForwardTrace();
        try (MaeVqgan served = MaeVqgan.random(cfg, SEED, ModelOptions.cpu());
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            served.inpaint(List.of(canvas), trace);
            Map<String, NDArray> params = TrainableForward.initialise(cfg.expectedShapes(), cfg, SEED, m);

            // When
            TrainableForward f = TrainableForward.over(params, cfg, m);
            NDArray pixels = CanvasBatch.of(List.of(canvas)).pixels(m);
            NDArray ids = CanvasBatch.of(List.of(canvas)).idsShuffle(m);
            float[] logits = f.maeLogits(f.normalise(pixels), ids, canvas.mask().keptCount())
                    .toFloatArray();

            // Then
            assertThat(logits).containsExactly(trace.logits);
        }
    }

    private static Map<String, NDArray> float64(Map<String, NDArray> params) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.toType(DataType.FLOAT64, false)));
        return out;
    }

    /** Autograd gradients of a few elements of each named tensor against central differences. */
    private static void assertGradientsMatch(
            Map<String, NDArray> params, Function<Map<String, NDArray>, NDArray> loss, List<String> names) {
        for (String name : names) {
            params.get(name).setRequiresGradient(true);
        }
        Map<String, double[]> analytic = new LinkedHashMap<>();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(loss.apply(params));
            for (String name : names) {
                try (NDArray g = params.get(name).getGradient()) {
                    analytic.put(name, g.toDoubleArray());
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (String name : names) {
            NDArray original = params.get(name);
            double[] values = original.toDoubleArray();
            for (int probe = 0; probe < 3; probe++) {
                int i = rnd.nextInt(values.length);
                double plus = lossWith(params, loss, name, values, i, STEP);
                double minus = lossWith(params, loss, name, values, i, -STEP);
                params.put(name, original);
                double numeric = (plus - minus) / (2 * STEP);
                double a = analytic.get(name)[i];
                assertThat(Math.abs(a - numeric))
                        .as("d loss / d %s[%d]: autograd %s, finite difference %s", name, i, a, numeric)
                        .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(numeric)));
            }
        }
    }

    private static double lossWith(
            Map<String, NDArray> params,
            Function<Map<String, NDArray>, NDArray> loss,
            String name,
            double[] values,
            int index,
            double delta) {
        double[] changed = values.clone();
        changed[index] += delta;
        NDArray original = params.get(name);
        params.put(name, original.getManager().create(changed, original.getShape()));
        return loss.apply(params).getDouble();
    }

    private static Canvas noiseCanvas(PatchMask mask) {
        SplittableRandom rnd = new SplittableRandom(3);
        byte[] px = new byte[3 * Canvas.SIZE * Canvas.SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rnd.nextInt(256);
        }
        Cell answer = new Cell(113, 113, 111, 111);
        return new Canvas(new RgbImage(Canvas.SIZE, Canvas.SIZE, px), mask, Layout.GRID_2X2, answer);
    }
}
