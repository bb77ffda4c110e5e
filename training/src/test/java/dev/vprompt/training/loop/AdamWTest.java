package dev.vprompt.training.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {

    private static final Engine ENGINE = Engine.getEngine("PyTorch");

    @Test
    void shouldMoveEachWeightByTheLearningRateWhenTakingTheFirstStep() {
        // Given: loss = sum(w^2 * c), so the gradient is 2 c w; Adam's first step is lr * sign(gradient)
        try (NDManager root = ENGINE.newBaseManager();
                ParameterStore p = ParameterStore.of(root, Map.of("w", root.create(new float[] {1f, -2f, 3f})))) {
            p.requireGradients(n -> true);
            AdamW adam = new AdamW(p, n -> true, n -> false, 0.9f, 0.999f, 1e-8f, 0f);
            backward(p, root.create(new float[] {1f, 1f, 1f}));

            // When
            double norm = adam.step(0.1f, 1e9);

            // Then
            assertThat(norm).isCloseTo(Math.sqrt(4 + 16 + 36), within(1e-4));
            float[] w = p.get("w").toFloatArray();
            assertThat(w[0]).isCloseTo(0.9f, within(1e-5f));
            assertThat(w[1]).isCloseTo(-1.9f, within(1e-5f));
            assertThat(w[2]).isCloseTo(2.9f, within(1e-5f));
            assertThat(p.get("w").getGradient().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void shouldShrinkDecayedWeightsWhenWeightDecayIsSet() {
        // Given: a zero gradient, so only the decay moves the weight
        try (NDManager root = ENGINE.newBaseManager();
                ParameterStore p = ParameterStore.of(root, Map.of("w", root.create(new float[] {2f})))) {
            p.requireGradients(n -> true);
            AdamW adam = new AdamW(p, n -> true, n -> true, 0.9f, 0.999f, 1e-8f, 0.5f);
            backward(p, root.create(new float[] {0f}));

            // When
            adam.step(0.1f, 1e9);

            // Then: w * (1 - lr * wd)
            assertThat(p.get("w").toFloatArray()[0]).isCloseTo(1.9f, within(1e-5f));
        }
    }

    @Test
    void shouldSkipTheUpdateWhenTheGradientIsNotFinite() {
        // Given
        try (NDManager root = ENGINE.newBaseManager();
                ParameterStore p = ParameterStore.of(root, Map.of("w", root.create(new float[] {1f})))) {
            p.requireGradients(n -> true);
            AdamW adam = new AdamW(p, n -> true, n -> false, 0.9f, 0.999f, 1e-8f, 0f);
            backward(p, root.create(new float[] {Float.POSITIVE_INFINITY}));

            // When
            double norm = adam.step(0.1f, 1.0);

            // Then: nothing moved, and the gradient (in its own storage) accumulates afresh
            assertThat(Double.isFinite(norm)).isFalse();
            assertThat(adam.steps()).isZero();
            assertThat(p.get("w").toFloatArray()[0]).isEqualTo(1f);
            assertThat(p.get("w").getGradient().toFloatArray()).containsOnly(0f);
            System.gc();
            backward(p, root.create(new float[] {2f}));
            assertThat(p.get("w").getGradient().toFloatArray()).containsOnly(4f);
            adam.step(0.1f, 1e9);
            assertThat(p.get("w").toFloatArray()[0]).isCloseTo(0.9f, within(1e-5f));
        }
    }

    @Test
    void shouldRestoreMomentsWhenLoadingItsState() {
        // Given: two optimizers, the second loading the first's state after one step
        try (NDManager root = ENGINE.newBaseManager();
                ParameterStore a = ParameterStore.of(root, Map.of("w", root.create(new float[] {1f, 2f})));
                ParameterStore b = ParameterStore.of(root, Map.of("w", root.create(new float[] {1f, 2f})))) {
            a.requireGradients(n -> true);
            b.requireGradients(n -> true);
            AdamW first = new AdamW(a, n -> true, n -> false, 0.9f, 0.999f, 1e-8f, 0f);
            AdamW second = new AdamW(b, n -> true, n -> false, 0.9f, 0.999f, 1e-8f, 0f);
            backward(a, root.create(new float[] {1f, 1f}));
            first.step(0.1f, 1e9);
            b.load(a.toStateDict(n -> true, dev.vprompt.engine.checkpoint.DType.FLOAT32), n -> true);
            second.load(first.state());

            // When: the same second step on both
            backward(a, root.create(new float[] {1f, 3f}));
            backward(b, root.create(new float[] {1f, 3f}));
            first.step(0.1f, 1e9);
            second.step(0.1f, 1e9);

            // Then
            assertThat(second.steps()).isEqualTo(2);
            assertThat(b.get("w").toFloatArray()).containsExactly(a.get("w").toFloatArray());
        }
    }

    private static void backward(ParameterStore p, NDArray c) {
        try (NDManager step = p.manager().newSubManager();
                GradientCollector gc = ENGINE.newGradientCollector()) {
            c.attach(step);
            NDArray w = p.get("w");
            gc.backward(w.mul(w).mul(c).sum());
        }
    }
}
