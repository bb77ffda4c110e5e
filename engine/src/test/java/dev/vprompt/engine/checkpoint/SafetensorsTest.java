package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackSameTensorsWhenWrittenAndRead() {
        // Given
        StateDict original = TestTensors.everyDtype();
        Path file = dir.resolve("rt.safetensors");
        Safetensors.write(file, original);

        // When
        StateDict read = Safetensors.read(file);

        // Then
        TestTensors.assertSameTensors(read, original);
        assertThat(read.tensors().values()).allMatch(t -> t.data().isReadOnly());
        assertThat(Checkpoints.detect(file)).isEqualTo(Checkpoints.Format.SAFETENSORS);
    }

    @Test
    void shouldNameDtypeWhenHeaderUsesUnsupportedOne() throws IOException {
        // Given
        Path file = write("{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]);

        // When / Then
        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("tensor 'x' has unsupported dtype 'F8_E4M3'");
    }

    @Test
    void shouldRejectOffsetsThatDisagreeWithShapeWhenHeaderIsInconsistent() throws IOException {
        // Given
        Path file = write("{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", new byte[16]);

        // When / Then
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("has 12 data bytes but shape [2,2]");
    }

    @Test
    void shouldSayTruncatedWhenDataEndsEarly() throws IOException {
        // Given
        Path full = dir.resolve("full.safetensors");
        Safetensors.write(full, TestTensors.everyDtype());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 10));

        // When / Then
        assertThatThrownBy(() -> Safetensors.read(cut)).hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectHeaderLengthLargerThanFileWhenFileIsGarbage() throws IOException {
        // Given
        Path file = Files.write(dir.resolve("garbage.safetensors"), new byte[] {-1, -1, -1, 0, 0, 0, 0, 0, '{', '}'});

        // When / Then
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("header length");
    }

    private Path write(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(data);
        return Files.write(dir.resolve("hand.safetensors"), out.array());
    }
}
