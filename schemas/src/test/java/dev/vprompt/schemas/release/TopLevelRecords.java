package dev.vprompt.schemas.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Finds the top-level event records: the generated record of every {@code src/main/avro/*.avsc} file that no other
 * file's record contains. Discovered from the sources, so a new event file cannot be forgotten by a hand-kept list.
 */
public final class TopLevelRecords {

    /** The schema source folder, relative to the module directory (surefire's working directory). */
    public static final Path SOURCES = Path.of("src/main/avro");

    private static final String NAMESPACE = "dev.vprompt.schemas";

    private TopLevelRecords() {}

    /** The current schemas of all top-level records, sorted by name. */
    public static List<Schema> current() {
        List<Schema> all = everyFileSchema();
        Set<String> nested = new HashSet<>();
        for (Schema schema : all) {
            collectNested(schema, schema, nested);
        }
        List<Schema> topLevel = new ArrayList<>();
        for (Schema schema : all) {
            if (!nested.contains(schema.getFullName())) {
                topLevel.add(schema);
            }
        }
        topLevel.sort((a, b) -> a.getName().compareTo(b.getName()));
        return topLevel;
    }

    /** The generated schema of the record named like each {@code .avsc} file. */
    private static List<Schema> everyFileSchema() {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> name.endsWith(".avsc"))
                    .map(name -> generatedSchema(name.substring(0, name.length() - ".avsc".length())))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + SOURCES.toAbsolutePath(), e);
        }
    }

    private static Schema generatedSchema(String simpleName) {
        try {
            return (Schema) Class.forName(NAMESPACE + "." + simpleName)
                    .getMethod("getClassSchema")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(simpleName + ".avsc did not generate " + NAMESPACE + "." + simpleName, e);
        }
    }

    private static void collectNested(Schema root, Schema schema, Set<String> nested) {
        switch (schema.getType()) {
            case RECORD -> {
                if (schema != root && !nested.add(schema.getFullName())) {
                    return; // already walked (named types may repeat)
                }
                schema.getFields().forEach(f -> collectNested(root, f.schema(), nested));
            }
            case ENUM, FIXED -> nested.add(schema.getFullName());
            case ARRAY -> collectNested(root, schema.getElementType(), nested);
            case MAP -> collectNested(root, schema.getValueType(), nested);
            case UNION -> schema.getTypes().forEach(t -> collectNested(root, t, nested));
            default -> {
                // primitives carry no named types
            }
        }
    }
}
