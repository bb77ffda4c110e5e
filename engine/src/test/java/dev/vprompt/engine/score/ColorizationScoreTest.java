package dev.vprompt.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.ScoreRefs.RefCase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ColorizationScoreTest {

    static List<RefCase> colorizationRefs() {
        return ScoreRefs.load("colorization_refs.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("colorizationRefs")
    void shouldEqualPythonReferenceWhenComputingMse(RefCase c) {
        // Given
        double expected = c.json().get("mse").asDouble();

        // When
        double mse = ColorizationScore.mse(c.target(), c.prediction(), c.cell());

        // Then (numpy sums pairwise, this code sequentially: equal up to rounding)
        assertThat(mse).isCloseTo(expected, withinPercentage(1e-10));
    }

    @Test
    void shouldBeZeroWhenPredictionEqualsTarget() {
        // Given
        RgbImage image = RgbImage.filled(224, 224, 12, 200, 99);

        // When
        double mse = ColorizationScore.mse(image, image, SegmentationScorer.STANDARD_ANSWER_CELL);

        // Then
        assertThat(mse).isZero();
    }

    @Test
    void shouldIgnorePixelsOutsideTheCellWhenComputingMse() {
        // Given: the images differ only outside the answer cell
        RgbImage target = RgbImage.filled(224, 224, 0, 0, 0);
        byte[] px = target.pixels().clone();
        px[0] = (byte) 255;
        px[3 * (112 * 224 + 112) + 1] = (byte) 255;
        RgbImage prediction = new RgbImage(224, 224, px);

        // When
        double mse = ColorizationScore.mse(target, prediction, SegmentationScorer.STANDARD_ANSWER_CELL);

        // Then
        assertThat(mse).isZero();
    }
}
