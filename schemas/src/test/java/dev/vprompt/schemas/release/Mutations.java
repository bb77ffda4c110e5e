package dev.vprompt.schemas.release;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Copies of a record schema with one deliberate change, to prove the compatibility gate notices it. */
public final class Mutations {

    private Mutations() {}

    public static Schema withExtraField(Schema record, Schema.Field extra) {
        List<Schema.Field> fields = copyFields(record);
        fields.add(extra);
        return copy(record, fields);
    }

    public static Schema withoutField(Schema record, String... names) {
        List<String> removed = List.of(names);
        List<Schema.Field> fields = copyFields(record);
        fields.removeIf(f -> removed.contains(f.name()));
        return copy(record, fields);
    }

    public static Schema withFieldType(Schema record, String name, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Schema.Field(f, f.name().equals(name) ? type : f.schema()));
        }
        return copy(record, fields);
    }

    private static List<Schema.Field> copyFields(Schema record) {
        List<Schema.Field> fields = new ArrayList<>();
        record.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        return fields;
    }

    private static Schema copy(Schema record, List<Schema.Field> fields) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
