package dev.vprompt.schemas.release;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** FULL compatibility between two schema versions: each can read data written with the other. */
public final class FullCompatibility {

    private FullCompatibility() {}

    /**
     * Why {@code candidate} is not fully compatible with {@code released}; empty when it is.
     *
     * @param candidate the schema about to be used (e.g. the current generated one)
     * @param released an already released version
     */
    public static List<String> problems(Schema candidate, Schema released) {
        List<String> problems = new ArrayList<>();
        describe(
                "new cannot read old",
                SchemaCompatibility.checkReaderWriterCompatibility(candidate, released),
                problems);
        describe(
                "old cannot read new",
                SchemaCompatibility.checkReaderWriterCompatibility(released, candidate),
                problems);
        return problems;
    }

    private static void describe(String direction, SchemaPairCompatibility result, List<String> problems) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult()
                    .getIncompatibilities()
                    .forEach(i -> problems.add(
                            direction + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
        }
    }
}
