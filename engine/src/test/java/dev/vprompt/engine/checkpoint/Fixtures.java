package dev.vprompt.engine.checkpoint;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The official reference fixture folder, or a skipped test with a visible notice when it is absent. */
final class Fixtures {

    static final String PROPERTY = "vprompt.fixtures";

    private Fixtures() {}

    static Path require(String file) {
        String dir = System.getProperty(PROPERTY);
        Path path = dir == null ? null : Path.of(dir, file);
        assumeTrue(
                path != null && Files.isRegularFile(path),
                () -> "SKIPPED: fixture " + file + " not found (system property " + PROPERTY + "=" + dir + ")");
        return path;
    }
}
