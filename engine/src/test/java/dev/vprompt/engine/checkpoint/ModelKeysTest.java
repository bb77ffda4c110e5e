package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelKeysTest {

    private final StateDict stateDict = TestTensors.stateDict(
            TestTensors.tensor("patch_embed.proj.weight", DType.FLOAT32, 8, 3, 4, 4),
            TestTensors.tensor("norm.weight", DType.FLOAT32, 8),
            TestTensors.tensor("vae.encoder.conv_in.weight", DType.FLOAT32, 2, 3, 3, 3));

    @Test
    void shouldPassWhenEveryExpectedTensorHasItsShapeAndExtrasExist() {
        // Given
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("patch_embed.proj.weight", new long[] {8, 3, 4, 4});
        expected.put("norm.weight", new long[] {8});

        // When / Then
        assertThatCode(() -> ModelKeys.requireShapes(stateDict, expected)).doesNotThrowAnyException();
    }

    @Test
    void shouldListEveryMissingTensorAndMismatchInOneMessageWhenStateDictDoesNotFit() {
        // Given
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("patch_embed.proj.weight", new long[] {16, 3, 16, 16});
        expected.put("norm.weight", new long[] {9});
        expected.put("norm.bias", new long[] {8});
        expected.put("decoder_pred.weight", new long[] {1024, 8});

        // When / Then
        assertThatThrownBy(() -> ModelKeys.requireShapes(stateDict, expected))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("state dict does not fit the model: 2 missing tensor(s), 2 shape mismatch(es)"
                        + "\n  missing norm.bias [8]"
                        + "\n  missing decoder_pred.weight [1024, 8]"
                        + "\n  shape mismatch patch_embed.proj.weight: expected [16, 3, 16, 16], actual [8, 3, 4, 4]"
                        + "\n  shape mismatch norm.weight: expected [9], actual [8]");
    }
}
