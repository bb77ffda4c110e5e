package dev.vprompt.engine.checkpoint.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReturnExactBytesWhenRangesCrossSmallWindows() throws IOException {
        // Given: windows of 1 KiB + 256 B overlap over a 10 KiB file
        byte[] content = new byte[10_240];
        new SplittableRandom(1).nextBytes(content);
        Path file = Files.write(dir.resolve("data.bin"), content);
        SplittableRandom random = new SplittableRandom(2);

        // When / Then
        try (MappedFile mapped = MappedFile.open(file, 1024, 256)) {
            for (int i = 0; i < 500; i++) {
                int offset = random.nextInt(content.length);
                int length = random.nextInt(Math.min(3000, content.length - offset) + 1);
                ByteBuffer slice = mapped.slice(offset, length);
                byte[] actual = new byte[slice.remaining()];
                slice.get(actual);
                assertThat(actual).isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
                assertThat(slice.isReadOnly()).isTrue();
                assertThat(slice.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    @Test
    void shouldNameFileWhenRangeIsOutsideIt() throws IOException {
        // Given
        Path file = Files.write(dir.resolve("small.bin"), new byte[100]);

        // When / Then
        try (MappedFile mapped = MappedFile.open(file)) {
            assertThatThrownBy(() -> mapped.slice(90, 20))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("outside the file of 100 bytes");
        }
    }
}
