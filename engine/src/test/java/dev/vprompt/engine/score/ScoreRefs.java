package dev.vprompt.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the reference cases written by {@code engine/src/test/python/make_score_refs.py} (under
 * {@code src/test/resources/score/}).
 */
final class ScoreRefs {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ScoreRefs() {}

    /** One reference case: two images, a cell and the expected values. */
    record RefCase(String name, RgbImage target, RgbImage prediction, Cell cell, JsonNode json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<RefCase> load(String file) {
        try (InputStream in = ScoreRefs.class.getResourceAsStream("/score/" + file)) {
            assertThat(in).as("resource /score/" + file).isNotNull();
            JsonNode root = MAPPER.readTree(in);
            List<RefCase> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                int w = c.get("width").asInt();
                int h = c.get("height").asInt();
                JsonNode cell = c.get("cell");
                cases.add(new RefCase(
                        c.get("name").asText(),
                        image(w, h, c.get("target").asText()),
                        image(w, h, c.get("prediction").asText()),
                        new Cell(
                                cell.get("x").asInt(),
                                cell.get("y").asInt(),
                                cell.get("width").asInt(),
                                cell.get("height").asInt()),
                        c));
            }
            assertThat(cases).as(file).isNotEmpty();
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RgbImage image(int w, int h, String base64) {
        return new RgbImage(w, h, Base64.getDecoder().decode(base64));
    }

    /** Asserts all three scores equal the reference bit for bit (a NaN reference wants NaN). */
    static void assertScores(SegmentationScores actual, JsonNode expected, String what) {
        assertValue(actual.iou(), expected.get("iou").asDouble(), what + " iou");
        assertValue(actual.colorBlindIou(), expected.get("colorBlindIou").asDouble(), what + " colorBlindIou");
        assertValue(actual.accuracy(), expected.get("accuracy").asDouble(), what + " accuracy");
    }

    private static void assertValue(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }
}
