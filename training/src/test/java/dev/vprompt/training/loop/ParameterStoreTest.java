package dev.vprompt.training.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterStoreTest {

    @Test
    void shouldHalveTheBytesAndKeepTheValuesWhenExportingFloat16() {
        // Given
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
                ParameterStore p =
                        ParameterStore.of(root, Map.of("w", root.create(new float[] {0.5f, -1.25f, 3.1f})))) {
            // When
            StateDict half = p.toStateDict(n -> true, DType.FLOAT16);
            StateDict full = p.toStateDict(n -> true, DType.FLOAT32);

            // Then
            assertThat(half.get("w").dtype()).isEqualTo(DType.FLOAT16);
            assertThat(half.get("w").data().remaining()).isEqualTo(6);
            assertThat(full.get("w").data().remaining()).isEqualTo(12);
            float[] back = ParameterStore.toArray(root, half.get("w")).toFloatArray();
            assertThat(back[0]).isEqualTo(0.5f);
            assertThat(back[1]).isEqualTo(-1.25f);
            assertThat(back[2]).isCloseTo(3.1f, within(2e-3f));
        }
    }
}
