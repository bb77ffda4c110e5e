package dev.vprompt.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.UsedExample;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * {@code PromptJob} version 2 added {@code examplePool} and {@code k}; {@code PromptCompleted} version 3 added
 * {@code examples} and {@code examplePoolVersion}. Each direction is read by the other side's reader.
 */
class PromptJobEvolutionTest {

    private static final long SUBMITTED_MILLIS = 1_690_000_000_000L;

    @Test
    void shouldReadNoPoolAndOneExampleWhenTheCurrentReaderGetsAVersion1Job() throws Exception {
        // Given: a producer that only knows v1, writing generic data
        Schema v1 = ReleasedSchemas.of(PromptJob.getClassSchema()).get(0);
        GenericRecord written = version1Job(v1);

        // When
        PromptJob decoded = EventCodecs.promptJob().decode(encode(v1, written));

        // Then
        assertThat(decoded.getJobId()).isEqualTo("old-1");
        assertThat(decoded.getExamples()).hasSize(1);
        assertThat(decoded.getExamplePool()).isNull();
        assertThat(decoded.getK()).isEqualTo(1);
    }

    @Test
    void shouldReadEveryVersion1FieldWhenAVersion1ReaderGetsAVersion2JobWithoutAPool() throws Exception {
        // Given: a v1 consumer that was handed the v2 file
        List<Schema> released = ReleasedSchemas.of(PromptJob.getClassSchema());
        Schema v1 = released.get(0);
        PromptJob job = PromptJob.newBuilder(TestEvents.minimalPromptJob())
                .setExamples(List.of(ExamplePair.newBuilder()
                        .setInput(TestEvents.ref("in.png"))
                        .setOutput(TestEvents.ref("out.png"))
                        .build()))
                .setEnsemble(true)
                .setAttributes(Map.of("k", "v"))
                .build();
        BinaryMessageDecoder<GenericRecord> v1Reader = new BinaryMessageDecoder<>(GenericData.get(), v1);
        v1Reader.addSchema(released.get(1));

        // When
        GenericRecord read = v1Reader.decode(EventCodecs.promptJob().encode(job));

        // Then
        assertThat(read.getSchema().getFields()).extracting(Schema.Field::name).doesNotContain("examplePool", "k");
        assertThat(read.get("jobId")).hasToString("job-1");
        assertThat((List<?>) read.get("examples")).hasSize(1);
        assertThat(read.get("ensemble")).isEqualTo(true);
        assertThat(((GenericRecord) read.get("query")).get("key")).hasToString("query.png");
        assertThat(((Map<?, ?>) read.get("attributes"))).hasSize(1);
    }

    @Test
    void shouldRoundTripThePoolAndKWhenWrittenByTheCurrentCodec() throws Exception {
        // Given
        PromptJob job = TestEvents.fullPromptJob();

        // When
        PromptJob decoded =
                EventCodecs.promptJob().decode(EventCodecs.promptJob().encode(job));

        // Then
        assertThat(decoded.getExamplePool()).isEqualTo(TestEvents.ref("pools/a/pool.json"));
        assertThat(decoded.getK()).isEqualTo(3);
    }

    @Test
    void shouldSkipTheUsedExamplesWhenAVersion2ReaderGetsAVersion3Completion() throws Exception {
        // Given
        List<Schema> released = ReleasedSchemas.of(PromptCompleted.getClassSchema());
        BinaryMessageDecoder<GenericRecord> v2Reader = new BinaryMessageDecoder<>(GenericData.get(), released.get(1));
        v2Reader.addSchema(released.get(2));

        // When
        GenericRecord read = v2Reader.decode(EventCodecs.promptCompleted().encode(TestEvents.fullCompleted()));

        // Then
        assertThat(read.getSchema().getField("examples")).isNull();
        assertThat(((GenericRecord) read.get("model")).get("name")).hasToString("checkpoint-1000.pth");
    }

    @Test
    void shouldReadNoUsedExamplesWhenTheCurrentReaderGetsAVersion2Completion() throws Exception {
        // Given: a v2 worker's event, written with the released v2 file
        Schema v2 = ReleasedSchemas.of(PromptCompleted.getClassSchema()).get(1);
        byte[] bytes = encode(v2, toGeneric(v2, TestEvents.minimalCompleted()));

        // When
        PromptCompleted decoded = EventCodecs.promptCompleted().decode(bytes);

        // Then
        assertThat(decoded.getExamples()).isEmpty();
        assertThat(decoded.getExamplePoolVersion()).isNull();
        assertThat(decoded.getBatch().getId()).isEqualTo("b-9");
    }

    @Test
    void shouldRoundTripTheUsedExamplesWhenWrittenByTheCurrentCodec() throws Exception {
        // When
        PromptCompleted decoded = EventCodecs.promptCompleted()
                .decode(EventCodecs.promptCompleted().encode(TestEvents.fullCompleted()));

        // Then
        UsedExample used = decoded.getExamples().get(0);
        assertThat(used.getInput().getKey()).isEqualTo("pool/in-4.png");
        assertThat(used.getSimilarity()).isEqualTo(0.875);
        assertThat(decoded.getExamplePoolVersion()).isEqualTo("20261206T100000Z-abc");
    }

    /** The event as a generic record of {@code schema} (fields the schema lacks are dropped). */
    private static GenericRecord toGeneric(Schema schema, PromptCompleted event) throws Exception {
        BinaryMessageDecoder<GenericRecord> reader = new BinaryMessageDecoder<>(GenericData.get(), schema);
        reader.addSchema(PromptCompleted.getClassSchema());
        return reader.decode(EventCodecs.promptCompleted().encode(event));
    }

    private static GenericRecord version1Job(Schema v1) {
        Schema pair = v1.getField("examples").schema().getElementType();
        return new GenericRecordBuilder(v1)
                .set("jobId", "old-1")
                .set("submittedAt", SUBMITTED_MILLIS)
                .set("task", new GenericData.EnumSymbol(v1.getField("task").schema(), "SEGMENTATION"))
                .set(
                        "examples",
                        List.of(new GenericRecordBuilder(pair)
                                .set("input", ref(v1, "a.png"))
                                .set("output", ref(v1, "b.png"))
                                .build()))
                .set("query", ref(v1, "q.png"))
                .set(
                        "output",
                        new GenericRecordBuilder(v1.getField("output").schema())
                                .set("bucket", "out")
                                .set("prefix", "p")
                                .build())
                .build();
    }

    private static GenericRecord ref(Schema promptJob, String key) {
        return new GenericRecordBuilder(promptJob.getField("query").schema())
                .set("bucket", "images")
                .set("key", key)
                .build();
    }

    private static byte[] encode(Schema writer, GenericRecord record) throws Exception {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
