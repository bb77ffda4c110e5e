package dev.vprompt.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.Box;
import dev.vprompt.engine.post.DetectionBox;
import dev.vprompt.engine.score.ScoreRefs.RefCase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DetectionScoreTest {

    static List<RefCase> detectionRefs() {
        return ScoreRefs.load("detection_refs.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectionRefs")
    void shouldEqualPythonReferenceWhenDetectingAndScoring(RefCase c) {
        for (ScoringMode mode : ScoringMode.values()) {
            // Given
            JsonNode expected = c.json().get(mode == ScoringMode.OFFICIAL ? "official" : "exact");
            JsonNode box = expected.get("box");

            // When
            Optional<DetectionBox> detected = DetectionBox.detect(
                    c.prediction(), c.cell(), c.cell().width(), c.cell().height(), mode.rounding());
            SegmentationScores scores = DetectionScore.score(c.target(), c.prediction(), c.cell(), mode);

            // Then
            assertThat(detected)
                    .as(mode.name())
                    .map(DetectionBox::cellBox)
                    .contains(new Box(
                            box.get("x").asInt(),
                            box.get("y").asInt(),
                            box.get("width").asInt(),
                            box.get("height").asInt()));
            ScoreRefs.assertScores(scores, expected.get("scores"), mode.name());
        }
    }

    @Test
    void shouldComputeBoxIouWhenBoxesOverlapPartly() {
        // Given: 2x2 boxes sharing one pixel → 1 / (4 + 4 - 1)
        Box a = new Box(0, 0, 2, 2);
        Box b = new Box(1, 1, 2, 2);

        // When / Then
        assertThat(DetectionScore.boxIou(a, b)).isEqualTo(1.0 / 7.0);
        assertThat(DetectionScore.boxIou(a, new Box(5, 5, 1, 1))).isZero();
        assertThat(DetectionScore.boxIou(a, a)).isEqualTo(1.0);
    }

    @Test
    void shouldEqualBoxIouWhenTargetAndPredictionAreSingleFilledBoxes() {
        // Given
        Cell cell = SegmentationScorer.STANDARD_ANSWER_CELL;
        Box truth = new Box(10, 20, 40, 30);
        Box predicted = new Box(25, 5, 50, 60);
        RgbImage target = canvasWithBox(cell, truth);
        RgbImage prediction = canvasWithBox(cell, predicted);

        // When
        SegmentationScores scores = DetectionScore.score(target, prediction, cell, ScoringMode.OFFICIAL);

        // Then
        assertThat(scores.iou()).isCloseTo(DetectionScore.boxIou(truth, predicted), within(1e-7));
    }

    @Test
    void shouldScoreZeroIouWhenPredictionHasNoForeground() {
        // Given
        Cell cell = SegmentationScorer.STANDARD_ANSWER_CELL;
        RgbImage target = canvasWithBox(cell, new Box(10, 20, 40, 30));
        RgbImage prediction = RgbImage.filled(224, 224, 0, 0, 0);

        // When
        SegmentationScores scores = DetectionScore.score(target, prediction, cell, ScoringMode.EXACT);

        // Then
        assertThat(scores.iou()).isZero();
        assertThat(scores.accuracy()).isEqualTo(1.0 - 40.0 * 30.0 / (111.0 * 111.0));
    }

    private static RgbImage canvasWithBox(Cell cell, Box box) {
        byte[] px = new byte[3 * 224 * 224];
        for (int y = 0; y < box.height(); y++) {
            for (int x = 0; x < box.width(); x++) {
                int i = 3 * ((cell.y() + box.y() + y) * 224 + cell.x() + box.x() + x);
                px[i] = (byte) 255;
                px[i + 1] = (byte) 255;
                px[i + 2] = (byte) 255;
            }
        }
        return new RgbImage(224, 224, px);
    }
}
