package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.checkpoint.CheckpointException;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.engine.image.RgbImage;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaeVqganErrorsTest {

    @Test
    void shouldNameEveryBadTensorWhenTheStateDictDoesNotFit() {
        // Given: the tiny architecture with one tensor missing and one of the wrong shape
        MaeVqganConfig cfg = MaeVqganConfig.tiny();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        cfg.expectedShapes().forEach((name, shape) -> tensors.put(name, zeros(name, shape)));
        tensors.remove("decoder_pred.bias");
        tensors.put("blocks.1.attn.qkv.weight", zeros("blocks.1.attn.qkv.weight", new long[] {64, 64}));

        // When / Then
        assertThatThrownBy(() -> MaeVqgan.load(new StateDict(tensors), cfg, ModelOptions.cpu()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("missing decoder_pred.bias [1024]")
                .hasMessageContaining("blocks.1.attn.qkv.weight: expected [192, 64], actual [64, 64]");
    }

    @Test
    void shouldRefuseBfloat16BeforeTouchingTheEngineWhenAModelIsCreated() {
        // When / Then: refused with a reason (a bfloat16 tensor would abort the JVM inside DJL's native layer)
        assertThatThrownBy(() -> MaeVqgan.random(
                        MaeVqganConfig.tiny(), 1, ModelOptions.cpu().withPrecision(Precision.BF16)))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("BF16 is not available")
                .hasMessageContaining("FP16");
    }

    @Test
    void shouldRunInHalfPrecisionWhenTheDeviceIsTheCpu() {
        // Given
        Canvas canvas = canvas(PatchMask.rectangle(7, 13, 7, 13));

        // When
        try (MaeVqgan model = MaeVqgan.random(
                MaeVqganConfig.tiny(), 20249601L, ModelOptions.cpu().withPrecision(Precision.FP16))) {
            Inpainting out = model.inpaint(List.of(canvas)).get(0);

            // Then: a full answer (the tokens' agreement with FP32 is measured by vp bench precision)
            assertThat(model.options().precision()).isEqualTo(Precision.FP16);
            assertThat(out.tokens()).hasSize(196);
            assertThat(java.util.Arrays.stream(out.tokens()).allMatch(t -> t >= 0 && t < 1024))
                    .isTrue();
            assertThat(out.pasted().width()).isEqualTo(224);
        }
    }

    @Test
    void shouldRejectTheBatchWhenMasksKeepDifferentPatchCounts() {
        // Given
        try (MaeVqgan model = TinyModels.random()) {
            Canvas a = canvas(PatchMask.rectangle(7, 13, 7, 13));
            Canvas b = canvas(PatchMask.rectangle(7, 13, 8, 13));

            // When / Then
            assertThatThrownBy(() -> model.inpaint(List.of(a, b)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("canvas 1 keeps 154");
        }
    }

    @Test
    void shouldRefuseToRunWhenTheModelIsClosed() {
        // Given
        MaeVqgan model = TinyModels.random();
        model.close();

        // When / Then
        assertThatThrownBy(() -> model.inpaint(List.of(canvas(PatchMask.rectangle(7, 13, 7, 13)))))
                .isInstanceOf(IllegalStateException.class);
        model.close(); // idempotent
        assertThat(model.deviceName()).isEqualTo("cpu");
    }

    private static Canvas canvas(PatchMask mask) {
        return new Canvas(
                RgbImage.filled(224, 224, 255, 255, 255), mask, Layout.GRID_2X2, new Cell(113, 113, 111, 111));
    }

    private static TensorData zeros(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new TensorData(name, shape, DType.FLOAT32, ByteBuffer.allocate((int) (4 * n)));
    }
}
