package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Deterministic pseudo-random tensors for tests. */
final class TestTensors {

    private TestTensors() {}

    static TensorData tensor(String name, DType dtype, long... shape) {
        long numel = 1;
        for (long d : shape) {
            numel *= d;
        }
        ByteBuffer data = ByteBuffer.allocate((int) (numel * dtype.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, dtype == DType.BOOL ? (byte) random.nextInt(2) : (byte) random.nextInt(256));
        }
        return new TensorData(name, shape, dtype, data);
    }

    static StateDict stateDict(TensorData... tensors) {
        Map<String, TensorData> map = new LinkedHashMap<>();
        for (TensorData t : tensors) {
            map.put(t.name(), t);
        }
        return new StateDict(map);
    }

    /** A small model-like state dict with one tensor of every dtype, a 0-dim tensor and an empty one. */
    static StateDict everyDtype() {
        Map<String, TensorData> map = new LinkedHashMap<>();
        for (DType dtype : DType.values()) {
            TensorData t = tensor("w_" + dtype.name().toLowerCase(java.util.Locale.ROOT), dtype, 3, 5);
            map.put(t.name(), t);
        }
        map.put("scalar", tensor("scalar", DType.FLOAT32));
        map.put("empty", tensor("empty", DType.FLOAT32, 0, 4));
        return new StateDict(map);
    }

    static byte[] bytes(TensorData t) {
        ByteBuffer data = t.data().duplicate();
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    /** Asserts that {@code read} holds the tensors of {@code original}, in order, with equal dtype, shape and bytes. */
    static void assertSameTensors(StateDict read, StateDict original) {
        assertThat(read.tensors().keySet())
                .containsExactlyElementsOf(original.tensors().keySet());
        original.tensors().forEach((name, expected) -> {
            TensorData actual = read.get(name);
            assertThat(actual.dtype()).as(name).isEqualTo(expected.dtype());
            assertThat(actual.shape()).as(name).containsExactly(expected.shape());
            assertThat(bytes(actual)).as(name).isEqualTo(bytes(expected));
        });
    }
}
