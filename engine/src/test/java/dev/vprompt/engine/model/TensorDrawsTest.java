package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class TensorDrawsTest {

    @Test
    void shouldRepeatTheDrawsWhenTheSeedNameAndStreamRepeat() {
        // Given
        SplittableRandom a = TensorDraws.generator(7, "vae.encoder.conv_in.weight", TensorDraws.MODEL_STREAM);
        SplittableRandom b = TensorDraws.generator(7, "vae.encoder.conv_in.weight", TensorDraws.MODEL_STREAM);

        // When
        double[] first = draws(a, 64);
        double[] second = draws(b, 64);

        // Then
        assertThat(first).containsExactly(second);
    }

    @Test
    void shouldDrawDifferentValuesWhenTheNameSeedOrStreamDiffers() {
        // Given
        double[] base = draws(TensorDraws.generator(7, "blocks.0.attn.qkv.weight", TensorDraws.MODEL_STREAM), 16);

        // When
        double[] otherName = draws(TensorDraws.generator(7, "blocks.1.attn.qkv.weight", TensorDraws.MODEL_STREAM), 16);
        double[] otherSeed = draws(TensorDraws.generator(8, "blocks.0.attn.qkv.weight", TensorDraws.MODEL_STREAM), 16);
        double[] otherStream = draws(TensorDraws.generator(7, "blocks.0.attn.qkv.weight", 0x84222325cbf29ce4L), 16);

        // Then
        assertThat(otherName).isNotEqualTo(base);
        assertThat(otherSeed).isNotEqualTo(base);
        assertThat(otherStream).isNotEqualTo(base);
    }

    @Test
    void shouldDrawTheRequestedSpreadWhenDrawingNormals() {
        // Given
        SplittableRandom rnd = TensorDraws.generator(3, "cls_token", TensorDraws.MODEL_STREAM);
        double std = 0.25;

        // When
        double[] values = DoubleStream.generate(() -> TensorDraws.normal(rnd, std))
                .limit(200_000)
                .toArray();

        // Then: the sample mean and standard deviation of 200,000 draws are within a few standard errors
        double mean = DoubleStream.of(values).average().orElseThrow();
        double variance =
                DoubleStream.of(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        assertThat(mean).isCloseTo(0.0, within(0.003));
        assertThat(Math.sqrt(variance)).isCloseTo(std, within(0.003));
        assertThat(DoubleStream.of(values).filter(v -> Math.abs(v) > 3 * std).count() / (double) values.length)
                .isCloseTo(0.0027, within(0.0006));
    }

    private static double[] draws(SplittableRandom rnd, int n) {
        return DoubleStream.generate(rnd::nextDouble).limit(n).toArray();
    }
}
