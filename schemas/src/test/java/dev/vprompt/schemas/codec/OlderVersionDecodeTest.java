package dev.vprompt.schemas.codec;

import static dev.vprompt.schemas.codec.DecodeAssertions.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.codec.EventDecodeException.Reason;
import dev.vprompt.schemas.release.Mutations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Events written by producers with an older schema version decode into the current classes. */
class OlderVersionDecodeTest {

    private static final long SUBMITTED_MILLIS = 1_690_000_000_000L;

    @Test
    void shouldDecodePromptJobWhenWrittenWithReleasedV1AsGenericRecord() throws Exception {
        // Given: a producer that only knows the released v1 file, writing generic data
        Schema v1 = ReleasedSchemas.of(PromptJob.getClassSchema()).get(0);
        GenericRecord written = promptJobV1(v1);

        // When
        PromptJob decoded = EventCodecs.promptJob().decode(encode(v1, written));

        // Then
        assertThat(decoded.getJobId()).isEqualTo("old-1");
        assertThat(decoded.getSubmittedAt()).isEqualTo(Instant.ofEpochMilli(SUBMITTED_MILLIS));
        assertThat(decoded.getTask()).isEqualTo(Task.EDGES);
        assertThat(decoded.getExamples())
                .containsExactly(ExamplePair.newBuilder()
                        .setInput(TestEvents.ref("a.png"))
                        .setOutput(TestEvents.ref("b.png"))
                        .build());
        assertThat(decoded.getQuery()).isEqualTo(TestEvents.ref("q.png"));
        assertThat(decoded.getOutput())
                .isEqualTo(OutputLocation.newBuilder()
                        .setBucket("out")
                        .setPrefix("p")
                        .build());
        assertThat(decoded.getLayout()).isEqualTo(PromptLayout.AUTO);
        assertThat(decoded.getDeadline()).isNull();
        assertThat(decoded.getAttributes()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void shouldDecodeDeadLetterWhenWrittenWithReleasedV1AsGenericRecord() throws Exception {
        // Given
        Schema v1 = ReleasedSchemas.of(DeadLetter.getClassSchema()).get(0);
        GenericRecord written = new GenericRecordBuilder(v1)
                .set("originalValue", ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .set("topic", "jobs")
                .set("partition", 7)
                .set("offset", 42L)
                .set("errorCode", "MALFORMED")
                .set("errorMessage", "bad")
                .set("attempts", 2)
                .set("failedAt", SUBMITTED_MILLIS)
                .set("worker", "w")
                .build();

        // When
        DeadLetter decoded = EventCodecs.deadLetter().decode(encode(v1, written));

        // Then
        assertThat(decoded.getOriginalKey()).isNull();
        assertThat(decoded.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(decoded.getOffset()).isEqualTo(42L);
        assertThat(decoded.getFailedAt()).isEqualTo(Instant.ofEpochMilli(SUBMITTED_MILLIS));
        assertThat(decoded.getHeaders()).isEmpty();
    }

    @Test
    void shouldFillDefaultsWhenWriterSchemaLacksOptionalFields() throws Exception {
        // Given: an older writer without the optional fields, known to the codec as a released version
        Schema current = PromptJob.getClassSchema();
        Schema older = Mutations.withoutField(current, "groundTruth", "deadline", "attributes", "ensemble");
        SingleObjectCodec<PromptJob> codec = new SingleObjectCodec<>(PromptJob.class, current, List.of(older));
        GenericRecord written = new GenericRecordBuilder(older)
                .set("jobId", "old-2")
                .set("submittedAt", SUBMITTED_MILLIS)
                .set("task", new GenericData.EnumSymbol(current.getField("task").schema(), "IMAGE"))
                .set("query", ref(older, "q.png"))
                .set("output", output(older))
                .build();

        // When
        PromptJob decoded = codec.decode(encode(older, written));

        // Then
        assertThat(decoded.getJobId()).isEqualTo("old-2");
        assertThat(decoded.getTask()).isEqualTo(Task.IMAGE);
        assertThat(decoded.getGroundTruth()).isNull();
        assertThat(decoded.getDeadline()).isNull();
        assertThat(decoded.getAttributes()).isEmpty();
        assertThat(decoded.getEnsemble()).isFalse();
    }

    @Test
    void shouldRejectAsUnknownSchemaWhenWriterVersionWasNeverReleased() throws Exception {
        // Given
        Schema current = PromptJob.getClassSchema();
        Schema unreleased = Mutations.withoutField(current, "attributes");
        GenericRecord written = new GenericRecordBuilder(unreleased)
                .set("jobId", "x")
                .set("submittedAt", SUBMITTED_MILLIS)
                .set("task", new GenericData.EnumSymbol(current.getField("task").schema(), "IMAGE"))
                .set("query", ref(unreleased, "q.png"))
                .set("output", output(unreleased))
                .build();

        // When
        EventDecodeException e = rejected(EventCodecs.promptJob(), encode(unreleased, written), Reason.UNKNOWN_SCHEMA);

        // Then
        assertThat(e.fingerprint()).hasValue(SingleObjectCodec.fingerprint(unreleased));
    }

    @Test
    void shouldRefuseToBuildCodecWhenCurrentSchemaCannotReadAWriterVersion() {
        // Given: a "release" whose jobId was an int cannot be read as a string
        Schema current = PromptJob.getClassSchema();
        Schema incompatible = Mutations.withoutField(current, "jobId");
        Schema withIntJobId =
                Mutations.withExtraField(incompatible, new Schema.Field("jobId", Schema.create(Schema.Type.INT)));

        // When / Then
        assertThatThrownBy(() -> new SingleObjectCodec<>(PromptJob.class, current, List.of(withIntJobId)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read");
    }

    private static GenericRecord promptJobV1(Schema v1) {
        Schema pair = v1.getField("examples").schema().getElementType();
        return new GenericRecordBuilder(v1)
                .set("jobId", "old-1")
                .set("submittedAt", SUBMITTED_MILLIS)
                .set("task", new GenericData.EnumSymbol(v1.getField("task").schema(), "EDGES"))
                .set(
                        "examples",
                        List.of(new GenericRecordBuilder(pair)
                                .set("input", ref(v1, "a.png"))
                                .set("output", ref(v1, "b.png"))
                                .build()))
                .set("query", ref(v1, "q.png"))
                .set("output", output(v1))
                .set("attributes", Map.of("k", "v"))
                .build();
    }

    private static GenericRecord ref(Schema promptJob, String key) {
        return new GenericRecordBuilder(promptJob.getField("query").schema())
                .set("bucket", "images")
                .set("key", key)
                .build();
    }

    private static GenericRecord output(Schema promptJob) {
        return new GenericRecordBuilder(promptJob.getField("output").schema())
                .set("bucket", "out")
                .set("prefix", "p")
                .build();
    }

    private static byte[] encode(Schema writer, GenericRecord record) throws IOException {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
