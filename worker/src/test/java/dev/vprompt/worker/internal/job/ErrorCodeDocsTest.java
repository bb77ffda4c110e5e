package dev.vprompt.worker.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The error codes are a public contract: each one is documented in the worker's README. */
class ErrorCodeDocsTest {

    @Test
    void shouldDocumentEveryErrorCodeWhenTheReadmeListsThem() throws Exception {
        // Given
        String readme = Files.readString(Path.of("README.md"));
        String errors = readme.substring(readme.indexOf("## Errors"), readme.indexOf("## Public API"));
        // When / Then
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(errors).as(code.name()).contains("| `" + code.name() + "` |");
        }
    }
}
