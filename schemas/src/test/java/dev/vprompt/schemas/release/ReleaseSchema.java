package dev.vprompt.schemas.release;

import dev.vprompt.schemas.codec.ReleasedSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Release tool (not a test): writes the current generated schema of each named top-level record as its next
 * released version under {@code src/main/resources}, after checking FULL compatibility with every earlier release.
 * Run it from the {@code schemas} module directory; see README.md.
 */
public final class ReleaseSchema {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private ReleaseSchema() {}

    /**
     * Releases each record named on the command line.
     *
     * @param args simple record names, e.g. {@code PromptJob}
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ReleaseSchema <RecordName>...");
        }
        List<Schema> topLevel = TopLevelRecords.current();
        for (String name : args) {
            Schema current = topLevel.stream()
                    .filter(s -> s.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " is not a top-level record"));
            System.out.println(release(current));
        }
    }

    private static String release(Schema current) throws IOException {
        List<Schema> released = ReleasedSchemas.of(current);
        for (int i = 0; i < released.size(); i++) {
            List<String> problems = FullCompatibility.problems(current, released.get(i));
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        current.getName() + " is not fully compatible with v" + (i + 1) + ": " + problems);
            }
        }
        String json = current.toString(true);
        if (!released.isEmpty()
                && released.get(released.size() - 1).toString(true).equals(json)) {
            return current.getName() + ": unchanged since v" + released.size() + ", nothing to release";
        }
        int version = released.size() + 1;
        Path file = RESOURCES.resolve(
                ReleasedSchemas.resourcePath(current.getName(), version).substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        return current.getName() + ": released v" + version + " as " + file;
    }
}
