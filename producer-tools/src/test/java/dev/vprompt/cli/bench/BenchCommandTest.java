package dev.vprompt.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.cli.VpRun;
import dev.vprompt.cli.engine.Fixtures;
import dev.vprompt.engine.checkpoint.Checkpoints;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void shouldPrintParsableJsonWhenBenchmarkingTinyModel() throws IOException {
        // When
        VpRun run = VpRun.of(
                "bench",
                "model",
                "--config",
                "fixture",
                "--batch",
                "1",
                "--iterations",
                "1",
                "--warmup",
                "0",
                "--device",
                "cpu",
                "--json");

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("device").asText()).isEqualTo("cpu");
        assertThat(json.get("params").asLong()).isEqualTo(inferenceParameters());
        assertThat(json.get("intra_op_threads").asInt()).isPositive();
        assertThat(json.get("load_average_before").isArray()).isTrue();
        JsonNode result = json.get("results").get(0);
        assertThat(result.get("batch").asInt()).isEqualTo(1);
        assertThat(result.get("iterations").asInt()).isEqualTo(1);
        assertThat(result.get("images_per_s").asDouble()).isPositive();
        assertThat(result.get("ms_per_batch_mean").asDouble())
                .isCloseTo(
                        1000.0 / result.get("images_per_s").asDouble(),
                        org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void shouldPrintOneLinePerBatchSizeInText() {
        // When
        VpRun run = VpRun.of(
                "bench",
                "model",
                "--config",
                "fixture",
                "--batch",
                "1,2",
                "--iterations",
                "1",
                "--warmup",
                "0",
                "--device",
                "cpu");

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(3);
        assertThat(run.outLines().get(1)).contains("batch   1:", "images/s");
        assertThat(run.outLines().get(2)).contains("batch   2:", "images/s");
    }

    @Test
    void shouldMeasureLoadAndDeleteFileWhenBenchmarkingTinyCheckpoint() throws IOException {
        // When
        VpRun run = VpRun.of(
                "bench",
                "checkpoint",
                "--params",
                "fixture",
                "--dir",
                tmp.toString(),
                "--warm-runs",
                "1",
                "--no-cold",
                "--json");

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("tensor_bytes").asLong())
                .isEqualTo(4 * json.get("parameters").asLong());
        assertThat(json.get("file_bytes").asLong())
                .isGreaterThan(json.get("tensor_bytes").asLong());
        assertThat(json.get("cold").get("skipped").asText()).isEqualTo("--no-cold");
        assertThat(json.get("warm")).hasSize(1);
        assertThat(json.get("warm").get(0).get("mb_per_s").asDouble()).isPositive();
        assertThat(json.get("file").isNull()).isTrue();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void shouldKeepALoadableOfficialLayoutCheckpointWhenAsked() throws IOException {
        // When
        VpRun run = VpRun.of(
                "bench",
                "checkpoint",
                "--params",
                "fixture",
                "--dir",
                tmp.toString(),
                "--warm-runs",
                "0",
                "--no-cold",
                "--keep",
                "--json");

        // Then: the file holds every tensor of the official layout, and the tiny model loads from it
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path kept = Path.of(new ObjectMapper().readTree(run.out()).get("file").asText());
        StateDict weights = Checkpoints.load(kept);
        assertThat(weights.tensors().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        OfficialLayout.shapes(MaeVqganConfig.tiny()).keySet());
        VpRun infer = VpRun.of(
                "infer",
                "--checkpoint",
                kept.toString(),
                "--config",
                "fixture",
                "--canvas",
                Fixtures.writePng(Fixtures.randomImage(224, 224), tmp.resolve("c.png"))
                        .toString(),
                "--out-dir",
                tmp.resolve("out").toString());
        assertThat(infer.exitCode()).as(infer.err()).isZero();
    }

    @Test
    void shouldRejectNonPositiveBatchWithOneLine() {
        // When
        VpRun run = VpRun.of("bench", "model", "--config", "fixture", "--batch", "0");

        // Then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("vp bench model:")
                .contains("--batch");
    }

    private static long inferenceParameters() {
        return MaeVqganConfig.tiny().expectedShapes().values().stream()
                .mapToLong(OfficialLayout::numel)
                .sum();
    }
}
