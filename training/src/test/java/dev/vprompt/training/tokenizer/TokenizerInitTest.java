package dev.vprompt.training.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.TrainableForward;
import dev.vprompt.training.TinyModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizerInitTest {

    private static final MaeVqganConfig CFG = TinyModel.config();

    @Test
    void shouldStartEveryResidualBranchAtZeroAndKeepConvolutionVarianceWhenIdentityResidual() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // Given: the random model's tokenizer tensors
            Map<String, NDArray> fresh = TrainableForward.initialise(TrainableForward.tokenizerShapes(CFG), CFG, 7, m);
            Map<String, float[]> before = copy(fresh);

            // When
            Map<String, NDArray> init = TokenizerInit.IDENTITY_RESIDUAL.apply(fresh, 7, m);

            // Then
            assertThat(init.keySet()).containsExactlyElementsOf(before.keySet());
            int drawn = 0;
            for (Map.Entry<String, NDArray> e : init.entrySet()) {
                String name = e.getKey();
                float[] v = e.getValue().toFloatArray();
                long[] shape = e.getValue().getShape().getShape();
                if (name.endsWith(".conv2.weight") || name.endsWith(".proj_out.weight")) {
                    assertThat(v).as(name).containsOnly(0f);
                } else if (shape.length == 4) {
                    double fanIn = (double) v.length / shape[0];
                    assertThat(variance(v) * fanIn)
                            .as(name + ": variance x fan-in")
                            .isCloseTo(1.0, within(0.35));
                    drawn++;
                } else if (name.endsWith(".bias")
                        && init.containsKey(name.replace(".bias", ".weight"))
                        && init.get(name.replace(".bias", ".weight")).getShape().dimension() == 4) {
                    assertThat(v).as(name).containsOnly(0f);
                } else {
                    assertThat(v).as(name + " (norm or codebook) unchanged").isEqualTo(before.get(name));
                }
            }
            assertThat(drawn).isGreaterThan(10);
        }
    }

    @Test
    void shouldGiveThreeTimesLessVarianceThanVariancePreservingWhenPytorchDefault() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // Given
            Map<String, NDArray> fresh = TrainableForward.initialise(TrainableForward.tokenizerShapes(CFG), CFG, 7, m);

            // When
            Map<String, NDArray> init = TokenizerInit.PYTORCH_DEFAULT.apply(fresh, 7, m);

            // Then: untouched, uniform(+-1/sqrt(fan_in)) has variance 1/(3 fan_in)
            assertThat(init).isSameAs(fresh);
            NDArray convIn = init.get("vae.decoder.conv_in.weight");
            float[] v = convIn.toFloatArray();
            assertThat(variance(v) * v.length / convIn.getShape().get(0)).isCloseTo(1.0 / 3, within(0.1));
        }
    }

    @Test
    void shouldDrawTheSameWeightsWhenSeedIsTheSame() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // Given / When
            Map<String, NDArray> a = TokenizerInit.IDENTITY_RESIDUAL.apply(
                    TrainableForward.initialise(TrainableForward.tokenizerShapes(CFG), CFG, 3, m), 3, m);
            Map<String, NDArray> b = TokenizerInit.IDENTITY_RESIDUAL.apply(
                    TrainableForward.initialise(TrainableForward.tokenizerShapes(CFG), CFG, 3, m), 3, m);
            Map<String, NDArray> c = TokenizerInit.IDENTITY_RESIDUAL.apply(
                    TrainableForward.initialise(TrainableForward.tokenizerShapes(CFG), CFG, 4, m), 4, m);

            // Then
            String name = "vae.decoder.conv_in.weight";
            assertThat(a.get(name).toFloatArray()).isEqualTo(b.get(name).toFloatArray());
            assertThat(a.get(name).toFloatArray()).isNotEqualTo(c.get(name).toFloatArray());
        }
    }

    private static Map<String, float[]> copy(Map<String, NDArray> params) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    private static double variance(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (float x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / v.length;
    }
}
