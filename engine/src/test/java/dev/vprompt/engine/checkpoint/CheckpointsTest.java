package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadTorchZipWhenFileStartsWithPk() {
        // Given
        Path file = dir.resolve("model.bin");
        TorchCheckpointWriter.create()
                .model(TestTensors.stateDict(TestTensors.tensor("w", DType.FLOAT16, 3)))
                .write(file);

        // When
        StateDict read = Checkpoints.load(file);

        // Then
        assertThat(Checkpoints.detect(file)).isEqualTo(Checkpoints.Format.TORCH_ZIP);
        assertThat(read.get("w").dtype()).isEqualTo(DType.FLOAT16);
    }

    @Test
    void shouldExplainWhenFileIsLegacyTorchPickle() throws IOException {
        // Given: the legacy format starts with a protocol-2 pickle of a magic number
        Path file = Files.write(dir.resolve("old.pth"), new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c});

        // When / Then
        assertThatThrownBy(() -> Checkpoints.load(file)).hasMessageContaining("legacy (pre-1.6) PyTorch");
    }

    @Test
    void shouldNameFileWhenFormatIsUnknown() throws IOException {
        // Given
        Path file = Files.writeString(dir.resolve("weights.txt"), "just text");

        // When / Then
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unrecognised checkpoint format");
    }
}
