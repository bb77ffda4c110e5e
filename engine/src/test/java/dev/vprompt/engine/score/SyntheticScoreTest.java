package dev.vprompt.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.ScoreRefs.RefCase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SyntheticScoreTest {

    static List<RefCase> syntheticRefs() {
        return ScoreRefs.load("synthetic_refs.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntheticRefs")
    void shouldEqualPythonReferenceWhenScoringBothModes(RefCase c) {
        // Given
        SyntheticTask task = SyntheticTask.valueOf(c.json().get("task").asText());

        // When
        SegmentationScores official =
                SyntheticScore.score(c.target(), c.prediction(), c.cell(), task, ScoringMode.OFFICIAL);
        SegmentationScores exact = SyntheticScore.score(c.target(), c.prediction(), c.cell(), task, ScoringMode.EXACT);

        // Then
        ScoreRefs.assertScores(official, c.json().get("official"), "official");
        ScoreRefs.assertScores(exact, c.json().get("exact"), "exact");
    }

    @Test
    void shouldScoreColourAwareBelowColourBlindWhenShapeIsRightButColourWrong() {
        // Given: a green square on white as the target, the same square in blue as the prediction
        RgbImage target = squareOnWhite(0, 255, 0);
        RgbImage prediction = squareOnWhite(0, 0, 255);

        // When
        SegmentationScores scores = SyntheticScore.score(
                target, prediction, SyntheticScore.STANDARD_ANSWER_CELL, SyntheticTask.COLOR, ScoringMode.EXACT);

        // Then
        assertThat(scores.iou()).isZero();
        assertThat(scores.colorBlindIou()).isEqualTo(1.0);
    }

    @Test
    void shouldRejectTargetWhenItsCellHoldsMoreThanTwoColours() {
        // Given: white cell with a green and a blue pixel
        RgbImage target = squareOnWhite(0, 255, 0);
        byte[] px = target.pixels().clone();
        Cell cell = SyntheticScore.STANDARD_ANSWER_CELL;
        int i = 3 * (cell.y() * 224 + cell.x());
        px[i] = 0;
        px[i + 1] = 0;
        px[i + 2] = (byte) 255;
        RgbImage threeColours = new RgbImage(224, 224, px);

        // When / Then
        assertThatThrownBy(() ->
                        SyntheticScore.score(threeColours, threeColours, cell, SyntheticTask.COLOR, ScoringMode.EXACT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly two colours");
    }

    /** A black 224x224 canvas whose synthetic answer cell is white with a 20x20 square of the given colour. */
    private static RgbImage squareOnWhite(int r, int g, int b) {
        Cell cell = SyntheticScore.STANDARD_ANSWER_CELL;
        byte[] px = new byte[3 * 224 * 224];
        for (int y = cell.y(); y < cell.y() + cell.height(); y++) {
            for (int x = cell.x(); x < cell.x() + cell.width(); x++) {
                boolean inSquare = x >= cell.x() + 30 && x < cell.x() + 50 && y >= cell.y() + 30 && y < cell.y() + 50;
                int i = 3 * (y * 224 + x);
                px[i] = (byte) (inSquare ? r : 255);
                px[i + 1] = (byte) (inSquare ? g : 255);
                px[i + 2] = (byte) (inSquare ? b : 255);
            }
        }
        return new RgbImage(224, 224, px);
    }
}
