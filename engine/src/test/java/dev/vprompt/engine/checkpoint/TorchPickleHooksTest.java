package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.checkpoint.pickle.PyDict;
import dev.vprompt.engine.checkpoint.pickle.PyGlobal;
import dev.vprompt.engine.checkpoint.pickle.PyObject;
import dev.vprompt.engine.checkpoint.pickle.PyTuple;
import dev.vprompt.engine.checkpoint.pickle.Unpickler;
import dev.vprompt.engine.checkpoint.zip.StoredZip;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The non-model parts of {@code tiny_protocol*.pth}; expected values are those of make_small_checkpoints.py. */
class TorchPickleHooksTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void shouldKeepEverythingOutsideModelAsDataOrOpaqueObjectsWhenUnpickling(int protocol) {
        // Given
        String name = "tiny_protocol" + protocol;
        Map<?, ?> root;

        // When
        try (StoredZip zip = StoredZip.open(PythonWrittenCheckpointsTest.resource(name + ".pth"))) {
            root = (Map<?, ?>)
                    Unpickler.load(zip.data(zip.find(name + "/data.pkl").orElseThrow()), new TorchPickleHooks(), name);
        }

        // Then
        assertThat(List.copyOf(root.keySet())).isEqualTo(List.of("model", "optimizer", "misc", "args", "epoch"));
        assertThat(root.get("epoch")).isEqualTo(7L);
        Map<?, ?> misc = (Map<?, ?>) root.get("misc");
        assertThat(misc.get("a_set")).isEqualTo(Set.of(1L, 2L, 3L));
        assertThat(misc.get("frozen")).isEqualTo(Set.of("x"));
        assertThat(misc.get("big")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(misc.get("neg_big")).isEqualTo(BigInteger.TWO.pow(65).negate());
        assertThat((byte[]) misc.get("bytes")).containsExactly(0, 1, 'a', 'b', 'c');
        assertThat((byte[]) misc.get("bytearray")).containsExactly('x', 'y');
        assertThat(misc.get("unicode")).isEqualTo("h\u00e9llo \u2713");
        assertThat(misc.get("tuple4")).isEqualTo(PyTuple.of(1L, 2L, 3L, 4L));
        assertThat(misc.get("dtype")).isEqualTo(new PyGlobal("torch", "float16"));
        PyObject device = (PyObject) misc.get("device");
        assertThat(device.type()).isEqualTo(new PyGlobal("torch", "device"));
        assertThat(device.args()).isEqualTo(PyTuple.of("cpu"));
        PyObject counter = (PyObject) misc.get("counter");
        assertThat(counter.type()).isEqualTo(new PyGlobal("collections", "Counter"));
        assertThat(counter.args().get(0)).isEqualTo(Map.of("a", 2L, "b", 1L));
        PyObject defaultDict = (PyObject) misc.get("default");
        assertThat(defaultDict.items()).isEqualTo(Map.of("k", List.of(1L)));

        PyObject args = (PyObject) root.get("args");
        assertThat(args.type()).isEqualTo(new PyGlobal("argparse", "Namespace"));
        assertThat(args.constructed()).isTrue();
        assertThat(args.attributes())
                .containsEntry("model", "mae_vit_large_patch16")
                .containsEntry("lr", null)
                .containsEntry("blr", 1e-3)
                .containsEntry("norm_pix_loss", false);

        Map<?, ?> optimizer = (Map<?, ?>) root.get("optimizer");
        Map<?, ?> group = (Map<?, ?>) ((List<?>) optimizer.get("param_groups")).get(0);
        assertThat(group.get("betas")).isEqualTo(PyTuple.of(0.9, 0.95));
        assertThat(group.containsKey("foreach")).isTrue();
        assertThat(group.get("foreach")).isNull();
        Map<?, ?> state0 = (Map<?, ?>) ((Map<?, ?>) optimizer.get("state")).get(0L);
        assertThat(state0.get("step")).isInstanceOf(TensorRef.class);
        assertThat(((TensorRef) state0.get("step")).size()).isEmpty();

        PyDict model = (PyDict) root.get("model");
        assertThat(model.ordered()).isTrue();
        assertThat(model.values()).allMatch(TensorRef.class::isInstance);
        TensorRef transposed = (TensorRef) model.get("transposed");
        assertThat(transposed.stride()).containsExactly(1, 4);
        assertThat(transposed.contiguous()).isFalse();
        assertThat(((TensorRef) model.get("narrowed")).storageOffset()).isEqualTo(2);
    }
}
