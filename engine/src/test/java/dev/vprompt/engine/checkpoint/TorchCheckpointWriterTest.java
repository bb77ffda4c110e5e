package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.checkpoint.zip.StoredZip;
import dev.vprompt.engine.checkpoint.zip.StoredZipWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchCheckpointWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldReadBackEveryDtypeScalarAndEmptyTensorWhenWrittenWithOrWithoutZip64(boolean zip64) {
        // Given
        StateDict original = TestTensors.everyDtype();
        Path file = dir.resolve("rt.pth");
        TorchCheckpointWriter.create().model(original).zip64(zip64).write(file);

        // When
        StateDict read = TorchCheckpoint.read(file);

        // Then
        TestTensors.assertSameTensors(read, original);
        assertThat(read.get("scalar").shape()).isEmpty();
        assertThat(read.get("scalar").data().remaining()).isEqualTo(4);
    }

    @Test
    void shouldFindRecordsUnderAnyArchiveFolderWhenPrefixIsNotTheDefault() {
        // Given
        Path file = dir.resolve("renamed.pth");
        TorchCheckpointWriter.create()
                .prefix("my-run_42")
                .model(TestTensors.stateDict(TestTensors.tensor("w", DType.FLOAT32, 2, 2)))
                .write(file);

        // When
        StateDict read = TorchCheckpoint.read(file);

        // Then
        assertThat(read.tensors()).containsOnlyKeys("w");
        try (StoredZip zip = StoredZip.open(file)) {
            assertThat(zip.entries()).extracting(StoredZip.Entry::name).allMatch(n -> n.startsWith("my-run_42/"));
        }
    }

    @Test
    void shouldAlignEveryRecordTo64BytesAndStoreItUncompressedWhenWriting() {
        // Given
        Path file = dir.resolve("aligned.pth");

        // When
        TorchCheckpointWriter.create().model(TestTensors.everyDtype()).epoch(3).write(file);

        // Then
        try (StoredZip zip = StoredZip.open(file)) {
            assertThat(zip.entries()).allSatisfy(e -> {
                assertThat(zip.dataOffset(e) % StoredZipWriter.ALIGNMENT)
                        .as(e.name())
                        .isZero();
                assertThat(e.method()).isZero();
            });
            assertThat(zip.find("archive/version")).isPresent();
        }
    }

    @Test
    void shouldSkipOtherEntriesWithoutReadingTheirStoragesWhenReadingModel() {
        // Given
        Path file = dir.resolve("with-optimizer.pth");
        TorchCheckpointWriter.create()
                .model(TestTensors.stateDict(TestTensors.tensor("w", DType.FLOAT32, 4)))
                .tensors("optimizer", TestTensors.stateDict(TestTensors.tensor("exp_avg", DType.FLOAT32, 4)))
                .epoch(3)
                .args(Map.of("model", "mae_vit_large_patch16", "lr", 1.5e-4))
                .write(file);
        List<String> reads = new ArrayList<>();

        // When
        StateDict model = TorchCheckpoint.read(file, "model", reads::add);
        StateDict optimizer = TorchCheckpoint.read(file, "optimizer");

        // Then
        assertThat(model.tensors()).containsOnlyKeys("w");
        assertThat(reads).containsExactly("0");
        assertThat(optimizer.tensors()).containsOnlyKeys("exp_avg");
    }
}
