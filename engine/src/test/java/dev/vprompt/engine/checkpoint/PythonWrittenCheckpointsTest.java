package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by python torch with {@code src/test/python/make_small_checkpoints.py}. */
class PythonWrittenCheckpointsTest {

    private static final Manifest MANIFEST = Manifest.load("/checkpoint/tiny_manifest.json");

    static Path resource(String name) {
        try {
            return Path.of(PythonWrittenCheckpointsTest.class
                    .getResource("/checkpoint/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny_protocol2.pth", "tiny_protocol4.pth"})
    void shouldMatchPythonTorchTensorsWhenReadingEitherPickleProtocol(String file) {
        // Given
        Path checkpoint = resource(file);

        // When
        StateDict stateDict = TorchCheckpoint.read(checkpoint);

        // Then
        assertMatchesManifest(stateDict, true);
    }

    @Test
    void shouldReadOnlyModelStoragesWhenProtocol4FileHasOptimizerAndMisc() {
        // Given
        List<String> reads = new ArrayList<>();

        // When
        TorchCheckpoint.read(resource("tiny_protocol4.pth"), "model", reads::add);

        // Then
        assertThat(new HashSet<>(reads)).containsExactlyInAnyOrderElementsOf(MANIFEST.entryStorageKeys());
        assertThat(reads).doesNotContainAnyElementsOf(MANIFEST.otherStorageKeys());
    }

    @Test
    void shouldReadBareStateDictWhenEntryKeyIsNull() {
        // Given
        Path checkpoint = resource("tiny_bare.pth");

        // When
        StateDict stateDict = TorchCheckpoint.read(checkpoint, null);

        // Then
        assertMatchesManifest(stateDict, true);
    }

    @Test
    void shouldMatchPythonTensorsWhenReadingSafetensorsWrittenByPython() {
        // Given
        Path file = resource("tiny.safetensors");

        // When
        StateDict stateDict = Safetensors.read(file);

        // Then: same tensors, the file lists them sorted by name
        assertMatchesManifest(stateDict, false);
    }

    @Test
    void shouldPickReaderFromMagicBytesWhenLoadingEitherFormat() {
        // Given
        Path zip = resource("tiny_protocol4.pth");
        Path safetensors = resource("tiny.safetensors");

        // When
        StateDict fromZip = Checkpoints.load(zip);
        StateDict fromSafetensors = Checkpoints.load(safetensors);

        // Then
        assertThat(Checkpoints.detect(zip)).isEqualTo(Checkpoints.Format.TORCH_ZIP);
        assertThat(Checkpoints.detect(safetensors)).isEqualTo(Checkpoints.Format.SAFETENSORS);
        assertMatchesManifest(fromZip, true);
        assertMatchesManifest(fromSafetensors, false);
    }

    private static void assertMatchesManifest(StateDict stateDict, boolean sameOrder) {
        List<String> names =
                MANIFEST.tensors().stream().map(Manifest.Tensor::name).toList();
        if (sameOrder) {
            assertThat(stateDict.tensors().keySet()).containsExactlyElementsOf(names);
        } else {
            assertThat(stateDict.tensors().keySet()).containsExactlyInAnyOrderElementsOf(names);
        }
        Map<String, Manifest.Tensor> expected =
                MANIFEST.tensors().stream().collect(Collectors.toMap(Manifest.Tensor::name, t -> t));
        stateDict.tensors().forEach((name, actual) -> {
            assertThat(actual.shape())
                    .as(name)
                    .containsExactly(expected.get(name).shape());
            assertThat(actual.dtype()).as(name).isEqualTo(expected.get(name).dtype());
            assertThat(Manifest.sha256(actual))
                    .as(name)
                    .isEqualTo(expected.get(name).sha256());
            assertThat(actual.data().isReadOnly()).as(name).isTrue();
        });
    }
}
