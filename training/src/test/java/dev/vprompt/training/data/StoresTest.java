package dev.vprompt.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackEveryCanvasWhenWrittenByTwoThreads() throws IOException {
        // Given
        CanvasGenerator g = new CanvasGenerator(8, HeldOut.officialSynthetic(0, 0), CanvasGenerator.defaultShares());
        Path file = dir.resolve("c.bin");

        // When
        CanvasStore.write(file, g, 8, 5, 2, i -> {});

        // Then
        try (CanvasStore store = CanvasStore.open(file)) {
            assertThat(store.count()).isEqualTo(5);
            assertThat(store.seed()).isEqualTo(8);
            for (int i = 0; i < 5; i++) {
                TrainingCanvas expected = g.sample(i);
                CanvasStore.Entry e = store.read(i);
                assertThat(e.family()).isEqualTo(expected.family());
                assertThat(e.mask()).isEqualTo(expected.canvas().mask().predicted());
                assertThat(e.pixels()).isEqualTo(expected.canvas().image().pixels());
                assertThat(store.readLabels(i).mask()).isEqualTo(e.mask());
                ByteBuffer px = ByteBuffer.allocate(e.pixels().length);
                store.readPixels(i, px);
                assertThat(px.array()).isEqualTo(e.pixels());
            }
        }
    }

    @Test
    void shouldRefuseAStoreWhenTheFileIsTruncated() throws IOException {
        // Given
        CanvasGenerator g = new CanvasGenerator(8, HeldOut.officialSynthetic(0, 0), CanvasGenerator.defaultShares());
        Path file = dir.resolve("c.bin");
        CanvasStore.write(file, g, 8, 2, 1, i -> {});
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 10));

        // When / Then
        assertThatThrownBy(() -> CanvasStore.open(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldKeepTokensAndTheirTokenizerWhenWrittenAndRead() throws IOException {
        // Given
        int[] tokens = new int[2 * 196];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (i * 37) % 1024;
        }
        Path file = dir.resolve("t.bin");

        // When
        TokenStore.write(file, tokens, 2, 1024, 0xABCDEF0123L);
        TokenStore read = TokenStore.read(file);

        // Then
        assertThat(read.count()).isEqualTo(2);
        assertThat(read.fingerprint()).isEqualTo(0xABCDEF0123L);
        assertThat(read.tokens(1)).containsExactly(java.util.Arrays.copyOfRange(tokens, 196, 392));
        long[] out = new long[196];
        read.tokens(0, out, 0);
        assertThat(out[5]).isEqualTo(tokens[5]);
    }
}
