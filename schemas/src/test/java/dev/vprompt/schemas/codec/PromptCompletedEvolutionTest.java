package dev.vprompt.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.PromptCompleted;
import java.nio.ByteBuffer;
import java.time.Instant;
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
 * {@code PromptCompleted} version 2 added {@code model.name} and {@code model.checkpointSha256}: events of either
 * version are read by readers of the other.
 */
class PromptCompletedEvolutionTest {

    private static final String HASH = "0f".repeat(32);

    @Test
    void shouldReadModelNameAndHashWhenAVersion1ReaderGetsAVersion2Event() throws Exception {
        // Given: a consumer built against v1 that was handed the later files (e.g. from the README or a registry)
        List<Schema> released = ReleasedSchemas.of(PromptCompleted.getClassSchema());
        Schema v1 = released.get(0);

        PromptCompleted event = PromptCompleted.newBuilder(TestEvents.minimalCompleted())
                .setModel(ModelInfo.newBuilder()
                        .setId("mae-vqgan")
                        .setSha256("random-seed-42")
                        .setName("random-seed-42")
                        .setCheckpointSha256(null)
                        .build())
                .build();
        BinaryMessageDecoder<GenericRecord> v1Reader = new BinaryMessageDecoder<>(GenericData.get(), v1);
        released.subList(1, released.size()).forEach(v1Reader::addSchema);

        // When
        GenericRecord read = v1Reader.decode(EventCodecs.promptCompleted().encode(event));

        // Then: the v1 fields keep their v1 meaning; the v2 fields are skipped
        GenericRecord model = (GenericRecord) read.get("model");
        assertThat(model.getSchema().getFields()).extracting(Schema.Field::name).containsExactly("id", "sha256");
        assertThat(model.get("id")).hasToString("mae-vqgan");
        assertThat(model.get("sha256")).hasToString("random-seed-42");
        assertThat(read.get("jobId")).hasToString("job-1");
    }

    @Test
    void shouldFillNameAndHashDefaultsWhenACurrentReaderGetsAVersion1Event() throws Exception {
        // Given: a worker that still writes v1, with a checkpoint hash in sha256
        Schema v1 = ReleasedSchemas.of(PromptCompleted.getClassSchema()).get(0);
        GenericRecord written = version1Event(v1);

        // When
        PromptCompleted decoded = EventCodecs.promptCompleted().decode(encode(v1, written));

        // Then
        assertThat(decoded.getModel().getId()).isEqualTo("mae-vqgan");
        assertThat(decoded.getModel().getSha256()).isEqualTo(HASH);
        assertThat(decoded.getModel().getName()).isEmpty();
        assertThat(decoded.getModel().getCheckpointSha256()).isNull();
        assertThat(decoded.getTimings().getTotalMs()).isEqualTo(21);
    }

    @Test
    void shouldRoundTripTheCheckpointHashWhenTheWeightsComeFromAFile() throws Exception {
        // Given
        PromptCompleted event = TestEvents.fullCompleted();

        // When
        PromptCompleted decoded = EventCodecs.promptCompleted()
                .decode(EventCodecs.promptCompleted().encode(event));

        // Then
        assertThat(decoded.getModel().getName()).isEqualTo("checkpoint-1000.pth");
        assertThat(decoded.getModel().getCheckpointSha256()).isEqualTo("cd".repeat(32));
    }

    private static GenericRecord version1Event(Schema v1) {
        Schema timings = v1.getField("timings").schema();
        Schema batch = v1.getField("batch").schema();
        Schema model = v1.getField("model").schema();
        return new GenericRecordBuilder(v1)
                .set("jobId", "old-1")
                .set("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "SUCCEEDED"))
                .set("completedAt", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli())
                .set(
                        "timings",
                        new GenericRecordBuilder(timings)
                                .set("queueMs", 1L)
                                .set("fetchMs", 2L)
                                .set("prepareMs", 3L)
                                .set("batchWaitMs", 4L)
                                .set("inferMs", 5L)
                                .set("publishMs", 6L)
                                .set("totalMs", 21L)
                                .build())
                .set(
                        "batch",
                        new GenericRecordBuilder(batch)
                                .set("id", "b")
                                .set("size", 1)
                                .build())
                .set(
                        "model",
                        new GenericRecordBuilder(model)
                                .set("id", "mae-vqgan")
                                .set("sha256", HASH)
                                .build())
                .set("worker", "w")
                .set("attributes", Map.of())
                .build();
    }

    private static byte[] encode(Schema writer, GenericRecord record) throws Exception {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
