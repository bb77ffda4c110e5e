package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TorchCheckpointFixtureTest {

    private static final Manifest MANIFEST = Manifest.load("/checkpoint/mae_vqgan_tiny_manifest.json");

    @Test
    void shouldMatchPythonTorchNamesShapesDtypesAndBytesWhenReadingOfficialCheckpoint() {
        // Given
        Path checkpoint = Fixtures.require("checkpoint.pth");

        // When
        StateDict stateDict = TorchCheckpoint.read(checkpoint);

        // Then
        assertThat(stateDict.tensors().keySet())
                .containsExactlyElementsOf(
                        MANIFEST.tensors().stream().map(Manifest.Tensor::name).toList());
        for (Manifest.Tensor expected : MANIFEST.tensors()) {
            TensorData actual = stateDict.get(expected.name());
            assertThat(actual.shape()).as(expected.name()).containsExactly(expected.shape());
            assertThat(actual.dtype()).as(expected.name()).isEqualTo(expected.dtype());
            assertThat(Manifest.sha256(actual)).as(expected.name()).isEqualTo(expected.sha256());
        }
    }

    @Test
    void shouldReadOnlyModelStoragesWhenCheckpointAlsoHoldsOptimizerState() {
        // Given
        Path checkpoint = Fixtures.require("checkpoint.pth");
        List<String> reads = new ArrayList<>();

        // When
        StateDict stateDict = TorchCheckpoint.read(checkpoint, TorchCheckpoint.DEFAULT_ENTRY, reads::add);

        // Then
        Set<String> distinct = new HashSet<>(reads);
        assertThat(MANIFEST.otherStorageKeys()).isNotEmpty();
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(MANIFEST.entryStorageKeys());
        assertThat(distinct).doesNotContainAnyElementsOf(MANIFEST.otherStorageKeys());
        assertThat(reads).hasSize(stateDict.size());
        assertThat(distinct.size()).isLessThan(MANIFEST.storageRecords());
    }

    @Test
    void shouldReturnReadOnlyLittleEndianSlicesWhenReadingOfficialCheckpoint() {
        // Given
        Path checkpoint = Fixtures.require("checkpoint.pth");

        // When
        Map<String, TensorData> tensors = TorchCheckpoint.read(checkpoint).tensors();

        // Then
        assertThat(tensors.values()).allSatisfy(t -> {
            assertThat(t.data().isReadOnly()).isTrue();
            assertThat(t.data().order()).isEqualTo(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(t.data().remaining()).isEqualTo(t.numel() * t.dtype().bytes());
        });
    }
}
