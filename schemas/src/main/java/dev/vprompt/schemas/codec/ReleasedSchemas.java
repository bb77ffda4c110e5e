package dev.vprompt.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a top-level event schema, as kept on the classpath.
 *
 * <p>Version {@code n} of record {@code Name} lives at {@value #ROOT}{@code Name/v<n>.avsc}: a self-contained schema
 * (nested types inlined) that is never edited once released. Versions are numbered 1, 2, 3... without gaps; the
 * first missing number ends the list.
 *
 * <p>Thread-safe: stateless.
 */
public final class ReleasedSchemas {

    /** Classpath folder holding one sub-folder per top-level record. */
    public static final String ROOT = "/dev/vprompt/schemas/released/";

    private ReleasedSchemas() {}

    /**
     * The released versions of the record whose current schema is given, oldest first.
     *
     * @param current the current (generated) schema of a top-level record
     * @return the released schemas; empty when the record was never released
     * @throws IllegalStateException if a released file cannot be read or parsed, or names another record
     */
    public static List<Schema> of(Schema current) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = resourcePath(current.getName(), version);
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8), current));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read released schema " + path, e);
            }
        }
    }

    /** The classpath resource of one released version, e.g. {@code /dev/vprompt/schemas/released/PromptJob/v1.avsc}. */
    public static String resourcePath(String recordName, int version) {
        return ROOT + recordName + "/v" + version + ".avsc";
    }

    private static Schema parse(String path, String json, Schema current) {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(json);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Released schema " + path + " does not parse: " + e.getMessage(), e);
        }
        if (!schema.getFullName().equals(current.getFullName())) {
            throw new IllegalStateException(
                    "Released schema " + path + " is " + schema.getFullName() + ", expected " + current.getFullName());
        }
        return schema;
    }
}
