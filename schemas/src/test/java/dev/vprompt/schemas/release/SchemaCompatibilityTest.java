package dev.vprompt.schemas.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.schemas.codec.ReleasedSchemas;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The release gate: every top-level record is released, and the current generated schema is FULLY compatible with
 * every released version (new code reads old data and old code reads new data).
 */
class SchemaCompatibilityTest {

    static Stream<Schema> topLevel() {
        return TopLevelRecords.current().stream();
    }

    @Test
    void shouldFindTheEventRecordsAsTopLevelWhenScanningSources() {
        // When
        List<String> names =
                TopLevelRecords.current().stream().map(Schema::getName).toList();

        // Then
        assertThat(names).containsExactly("DeadLetter", "PromptCompleted", "PromptJob");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevel")
    void shouldHaveAtLeastOneReleasedVersionWhenRecordIsTopLevel(Schema current) {
        // When
        List<Schema> released = ReleasedSchemas.of(current);

        // Then
        assertThat(released)
                .as(
                        "no %s found; release it (see schemas/README.md)",
                        ReleasedSchemas.resourcePath(current.getName(), 1))
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevel")
    void shouldBeFullyCompatibleWithEveryReleasedVersion(Schema current) {
        // Given
        List<Schema> released = ReleasedSchemas.of(current);
        List<String> problems = new ArrayList<>();

        // When
        for (int i = 0; i < released.size(); i++) {
            int version = i + 1;
            FullCompatibility.problems(current, released.get(i)).forEach(p -> problems.add("v" + version + ": " + p));
        }

        // Then
        assertThat(problems)
                .as("%s changes that break released versions", current.getName())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevel")
    void shouldHaveACodecFactoryWhenRecordIsTopLevel(Schema current) {
        // When
        List<String> codecTypes = Arrays.stream(EventCodecs.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == EventCodec.class)
                .map(SchemaCompatibilityTest::eventTypeName)
                .toList();

        // Then
        assertThat(codecTypes).contains(current.getFullName());
    }

    @Test
    void shouldReportIncompatibilityWhenRequiredFieldWithoutDefaultIsAdded() {
        // Given
        Schema released = released(PromptJob.getClassSchema());
        Schema mutated = Mutations.withExtraField(
                PromptJob.getClassSchema(), new Schema.Field("tenant", Schema.create(Schema.Type.STRING), "who", null));

        // When
        List<String> problems = FullCompatibility.problems(mutated, released);

        // Then
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("new cannot read old", "READER_FIELD_MISSING_DEFAULT_VALUE", "tenant");
    }

    @Test
    void shouldReportIncompatibilityWhenRequiredFieldIsRemoved() {
        // Given
        Schema released = released(PromptJob.getClassSchema());
        Schema mutated = Mutations.withoutField(PromptJob.getClassSchema(), "jobId");

        // When
        List<String> problems = FullCompatibility.problems(mutated, released);

        // Then
        assertThat(problems).singleElement().asString().contains("old cannot read new", "jobId");
    }

    @Test
    void shouldReportIncompatibilityWhenTaskSymbolIsAdded() {
        // Given: Task has no enum default, so old readers cannot map a new task
        Schema released = released(PromptJob.getClassSchema());
        Schema task = PromptJob.getClassSchema().getField("task").schema();
        List<String> symbols = new ArrayList<>(task.getEnumSymbols());
        symbols.add("DEPTH");
        Schema mutated = Mutations.withFieldType(
                PromptJob.getClassSchema(),
                "task",
                Schema.createEnum(task.getName(), task.getDoc(), task.getNamespace(), symbols));

        // When
        List<String> problems = FullCompatibility.problems(mutated, released);

        // Then
        assertThat(problems).singleElement().asString().contains("old cannot read new", "MISSING_ENUM_SYMBOLS");
    }

    @Test
    void shouldAcceptChangeWhenOptionalFieldWithNullDefaultIsAdded() {
        // Given
        Schema released = released(PromptJob.getClassSchema());
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema mutated = Mutations.withExtraField(
                PromptJob.getClassSchema(),
                new Schema.Field("tenant", optional, "who", Schema.Field.NULL_DEFAULT_VALUE));

        // When
        List<String> problems = FullCompatibility.problems(mutated, released);

        // Then
        assertThat(problems).isEmpty();
    }

    private static Schema released(Schema current) {
        return ReleasedSchemas.of(current).get(0);
    }

    private static String eventTypeName(Method factory) {
        ParameterizedType type = (ParameterizedType) factory.getGenericReturnType();
        return type.getActualTypeArguments()[0].getTypeName();
    }
}
