package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TempDirectoriesTest {

    @Test
    void shouldDeleteNestedTreeWhenAskedTo() throws Exception {
        // Given
        Path root = TempDirectories.create("vprompt-test-");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/file.log"), "x");
        Files.writeString(root.resolve("top.txt"), "y");

        // When
        TempDirectories.deleteRecursively(root);

        // Then
        assertThat(root).doesNotExist();
    }

    @Test
    void shouldDoNothingWhenDirectoryIsAlreadyGone() throws Exception {
        // Given
        Path root = TempDirectories.create("vprompt-test-");
        Files.delete(root);

        // When
        TempDirectories.deleteRecursively(root);

        // Then
        assertThat(root).doesNotExist();
    }
}
