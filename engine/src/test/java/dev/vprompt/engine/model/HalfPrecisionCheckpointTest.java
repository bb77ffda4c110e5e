package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HalfPrecisionCheckpointTest {

    @Test
    void shouldServeAlmostTheSameAnswerWhenTheCheckpointStoresFloat16() {
        // Given: the reference weights, and the same weights stored as float16
        StateDict full = Fixture.stateDict();
        StateDict half = toHalf(full);
        Canvas canvas = Fixture.canvas(Fixture.npy("canvas").toFloatArray(), 0);
        ForwardTrace a = new ForwardTrace();
        ForwardTrace b = new ForwardTrace();

        // When: both loaded by the same loader onto a float32 model
        try (MaeVqgan m32 = MaeVqgan.load(full, Fixture.config(), ModelOptions.cpu());
                MaeVqgan m16 = MaeVqgan.load(half, Fixture.config(), ModelOptions.cpu())) {
            m32.inpaint(List.of(canvas), a);
            m16.inpaint(List.of(canvas), b);
        }

        // Then: logits within float16 rounding of the weights
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < a.logits.length; i++) {
            worst = Math.max(worst, Math.abs(a.logits[i] - b.logits[i]));
            scale = Math.max(scale, Math.abs(a.logits[i]));
        }
        assertThat(half.get("decoder_pred.weight").dtype()).isEqualTo(DType.FLOAT16);
        assertThat(worst).isLessThan(0.01 * scale).isGreaterThan(0);
    }

    private static StateDict toHalf(StateDict sd) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            sd.tensors().forEach((name, t) -> {
                ByteBuffer direct =
                        ByteBuffer.allocateDirect(t.data().remaining()).order(ByteOrder.LITTLE_ENDIAN);
                direct.put(t.data().duplicate()).flip();
                try (NDArray f = m.create(direct, new Shape(t.shape()), DataType.FLOAT32);
                        NDArray h = f.toType(DataType.FLOAT16, true)) {
                    ByteBuffer src = h.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    ByteBuffer copy = ByteBuffer.allocate(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                    copy.put(src).flip();
                    out.put(name, new TensorData(name, t.shape(), DType.FLOAT16, copy));
                }
            });
        }
        return new StateDict(out);
    }
}
