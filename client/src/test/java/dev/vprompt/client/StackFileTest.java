package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFileTest {

    @Test
    void shouldReadBackWhatItWroteWhenValuesNeedShellQuoting(@TempDir Path dir) {
        // Given
        StackFile file = new StackFile(dir.resolve("sub/stack.env"));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("VP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1234");
        vars.put("VP_S3_SECRET_KEY", "it's a secret");
        // When
        file.write(vars);
        // Then
        assertThat(file.read()).isEqualTo(vars);
    }

    @Test
    void shouldBeOwnerReadableOnlyWhenWritten(@TempDir Path dir) throws Exception {
        // Given
        StackFile file = new StackFile(dir.resolve("stack.env"));
        // When
        file.write(Map.of("VP_S3_SECRET_KEY", "s"));
        // Then
        assertThat(Files.getPosixFilePermissions(file.path()))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void shouldBeEmptyWhenTheFileIsMissingOrDeleted(@TempDir Path dir) {
        // Given
        StackFile file = new StackFile(dir.resolve("stack.env"));
        file.write(Map.of("A", "1"));
        // When
        file.delete();
        // Then
        assertThat(file.read()).isEmpty();
    }

    @Test
    void shouldIgnoreLinesThatAreNotExportsWhenReading(@TempDir Path dir) throws Exception {
        // Given
        Path p = dir.resolve("stack.env");
        Files.writeString(p, "# comment\nexport A=1\nB=2\nexport C='x y'\n");
        // When
        Map<String, String> vars = new StackFile(p).read();
        // Then
        assertThat(vars).containsExactly(Map.entry("A", "1"), Map.entry("C", "x y"));
    }
}
