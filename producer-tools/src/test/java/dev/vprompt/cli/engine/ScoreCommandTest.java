package dev.vprompt.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.cli.VpRun;
import dev.vprompt.engine.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    private static final Pattern METRIC = Pattern.compile("(\\w+)=([-0-9.NaE]+)");

    @TempDir
    Path tmp;

    @Test
    void shouldPrintOfficialIouWhenScoringFixturePaste() {
        // Given
        JsonNode expected = Fixtures.expected();

        // When
        VpRun run = VpRun.of(
                "score",
                "--task",
                "segmentation",
                "--prediction",
                Fixtures.file("im_paste.png").toString(),
                "--target",
                Fixtures.file("canvas.png").toString());

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        Map<String, Double> metrics = metrics(run.out());
        assertThat(metrics.get("iou")).isCloseTo(0.12293742, within(1e-6));
        assertThat(metrics.get("iou")).isCloseTo(expected.get("iou").asDouble(), within(1e-6));
        assertThat(metrics.get("color_blind_iou"))
                .isCloseTo(expected.get("color_blind_iou").asDouble(), within(1e-6));
        assertThat(metrics.get("accuracy")).isCloseTo(expected.get("accuracy").asDouble(), within(1e-6));
    }

    @Test
    void shouldPrintFullPrecisionJsonWhenAsked() throws IOException {
        // Given
        JsonNode expected = Fixtures.expected();

        // When
        VpRun run = VpRun.of(
                "score",
                "--prediction",
                Fixtures.file("im_paste.png").toString(),
                "--target",
                Fixtures.file("canvas.png").toString(),
                "--json");

        // Then: the float32 IoU widened to double, exactly as expected.json stores it
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("task").asText()).isEqualTo("segmentation");
        assertThat(json.get("scoring").asText()).isEqualTo("official");
        assertThat(json.get("answer_cell").get("x").asInt()).isEqualTo(113);
        assertThat(json.get("iou").asDouble()).isEqualTo(expected.get("iou").asDouble());
        assertThat(json.get("accuracy").asDouble())
                .isCloseTo(expected.get("accuracy").asDouble(), within(1e-12));
    }

    @Test
    void shouldGiveIntArithmeticValuesWhenScoringExactly() {
        // Given: expected.json's "if round_image used int32 arithmetic" values are the nearest-colour snap
        JsonNode expected = Fixtures.expected();

        // When
        VpRun run = VpRun.of(
                "score",
                "--scoring",
                "exact",
                "--prediction",
                Fixtures.file("im_paste.png").toString(),
                "--target",
                Fixtures.file("canvas.png").toString());

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Double> metrics = metrics(run.out());
        assertThat(metrics.get("iou"))
                .isCloseTo(
                        expected.get("iou_if_round_image_used_int32_arithmetic").asDouble(), within(1e-6));
        assertThat(metrics.get("accuracy"))
                .isCloseTo(
                        expected.get("accuracy_if_round_image_used_int32_arithmetic")
                                .asDouble(),
                        within(1e-6));
    }

    @Test
    void shouldScorePerfectlyWhenPredictionEqualsTarget() {
        // Given: a canvas whose answer cell holds a white square on black
        Path canvas = Fixtures.writePng(maskCanvas(), tmp.resolve("target.png"));

        // When
        VpRun segmentation = VpRun.of("score", "--prediction", canvas.toString(), "--target", canvas.toString());
        VpRun colorization = VpRun.of(
                "score", "--task", "colorization", "--prediction", canvas.toString(), "--target", canvas.toString());

        // Then
        assertThat(segmentation.exitCode()).as(segmentation.err()).isZero();
        assertThat(metrics(segmentation.out()))
                .containsEntry("iou", 1.0)
                .containsEntry("color_blind_iou", 1.0)
                .containsEntry("accuracy", 1.0);
        assertThat(colorization.exitCode()).as(colorization.err()).isZero();
        assertThat(metrics(colorization.out())).containsEntry("mse", 0.0);
    }

    @Test
    void shouldFailWithOneLineWhenPredictionIsNotACanvas() {
        // Given
        Path canvas = Fixtures.writePng(maskCanvas(), tmp.resolve("target.png"));
        Path small = Fixtures.writePng(RgbImage.filled(10, 10, 0, 0, 0), tmp.resolve("small.png"));

        // When
        VpRun wrongSize = VpRun.of("score", "--prediction", small.toString(), "--target", canvas.toString());
        VpRun badMode = VpRun.of(
                "score", "--scoring", "fuzzy", "--prediction", small.toString(), "--target", canvas.toString());

        // Then
        assertThat(wrongSize.exitCode()).isEqualTo(1);
        assertThat(wrongSize.errLines()).singleElement().asString().contains("--prediction", "10x10");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.errLines()).singleElement().asString().contains("'fuzzy'", "official, exact");
    }

    private static RgbImage maskCanvas() {
        RgbImage image = RgbImage.filled(224, 224, 0, 0, 0);
        byte[] px = image.pixels();
        for (int y = 140; y < 200; y++) {
            for (int x = 130; x < 190; x++) {
                java.util.Arrays.fill(px, 3 * (y * 224 + x), 3 * (y * 224 + x) + 3, (byte) 255);
            }
        }
        return image;
    }

    private static Map<String, Double> metrics(String line) {
        Matcher m = METRIC.matcher(line);
        return m.results().collect(Collectors.toMap(r -> r.group(1), r -> Double.parseDouble(r.group(2))));
    }
}
