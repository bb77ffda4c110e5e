package dev.vprompt.schemas.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.schemas.codec.ReleasedSchemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fingerprint table in {@code schemas/README.md} is what outside clients check their own CRC-64-AVRO against, so
 * it is recomputed here from the released files: a release without its README row, or a row that does not match its
 * file, fails the build.
 */
class PublishedFingerprintsTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern ROW =
            Pattern.compile("^\\s*\\| `(\\w+)` \\| (\\d+) \\| `released/\\1/v\\2\\.avsc` \\| `([0-9a-f ]+)` \\|\\s*$");

    static Stream<Schema> topLevel() {
        return TopLevelRecords.current().stream();
    }

    @Test
    void shouldListEveryReleasedVersionWithItsWireFingerprintWhenReadmeIsCurrent() throws IOException {
        // Given
        Map<String, String> expected = new LinkedHashMap<>();
        for (Schema current : TopLevelRecords.current()) {
            List<Schema> released = ReleasedSchemas.of(current);
            for (int i = 0; i < released.size(); i++) {
                expected.put(current.getName() + " v" + (i + 1), wireHex(released.get(i)));
            }
        }

        // When
        Map<String, String> published = publishedRows();

        // Then
        assertThat(published)
                .as("schemas/README.md fingerprint table; the rows it should have:%n%s", table(expected))
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevel")
    void shouldWriteTheNewestReleasedFingerprintWhenEncodingWithTheCurrentSchema(Schema current) {
        // Given
        List<Schema> released = ReleasedSchemas.of(current);
        Schema newest = released.get(released.size() - 1);

        // When
        long written = SchemaNormalization.parsingFingerprint64(current);

        // Then: what workers and the CLI write is the table's last row of the record, so readers can be rolled out
        assertThat(wireHex(written))
                .as("%s changed without a release (see 'To release v2 of a record')", current.getName())
                .isEqualTo(wireHex(newest));
    }

    @Test
    void shouldPutTheTableFingerprintAfterTheMarkerWhenTheCodecEncodes() {
        // Given
        PromptCompleted event = PromptCompleted.newBuilder(minimalCompleted()).build();
        List<Schema> released = ReleasedSchemas.of(PromptCompleted.getClassSchema());

        // When
        byte[] bytes = EventCodecs.promptCompleted().encode(event);

        // Then
        assertThat(HexFormat.of().formatHex(bytes, 0, 10))
                .isEqualTo("c301" + wireHex(released.get(released.size() - 1)).replace(" ", ""));
    }

    private static PromptCompleted minimalCompleted() {
        return PromptCompleted.newBuilder()
                .setJobId("j")
                .setStatus(dev.vprompt.schemas.JobStatus.FAILED)
                .setCompletedAt(java.time.Instant.EPOCH)
                .setTimings(dev.vprompt.schemas.StageTimings.newBuilder()
                        .setQueueMs(0)
                        .setFetchMs(0)
                        .setPrepareMs(0)
                        .setBatchWaitMs(0)
                        .setInferMs(0)
                        .setPublishMs(0)
                        .setTotalMs(0)
                        .build())
                .setBatch(dev.vprompt.schemas.BatchInfo.newBuilder()
                        .setId("")
                        .setSize(0)
                        .build())
                .setModel(dev.vprompt.schemas.ModelInfo.newBuilder()
                        .setId("m")
                        .setSha256("s")
                        .build())
                .setWorker("w")
                .build();
    }

    private static Map<String, String> publishedRows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1) + " v" + m.group(2), m.group(3));
            }
        }
        return rows;
    }

    /** The 8 fingerprint bytes in wire order (little-endian), as space-separated lower-case hex. */
    static String wireHex(Schema schema) {
        return wireHex(SchemaNormalization.parsingFingerprint64(schema));
    }

    private static String wireHex(long fingerprint) {
        byte[] bytes = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(fingerprint)
                .array();
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static String table(Map<String, String> rows) {
        StringBuilder sb = new StringBuilder();
        rows.forEach((k, v) -> {
            String[] parts = k.split(" v");
            sb.append("  | `")
                    .append(parts[0])
                    .append("` | ")
                    .append(parts[1])
                    .append(" | `released/")
                    .append(parts[0])
                    .append("/v")
                    .append(parts[1])
                    .append(".avsc` | `")
                    .append(v)
                    .append("` |\n");
        });
        return sb.toString();
    }
}
