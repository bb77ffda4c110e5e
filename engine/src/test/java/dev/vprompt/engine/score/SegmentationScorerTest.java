package dev.vprompt.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.RgbColor;
import dev.vprompt.engine.score.ScoreRefs.RefCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentationScorerTest {

    static List<RefCase> segmentationRefs() {
        return ScoreRefs.load("segmentation_refs.json");
    }

    @Test
    void shouldReproduceOfficialScoresWhenScoringTheFixtureEpisode() throws IOException {
        // Given
        Path dir = FixtureImages.folder("canvas.png", "im_paste.png", "expected.json");
        RgbImage target = FixtureImages.png(dir.resolve("canvas.png"));
        RgbImage prediction = FixtureImages.png(dir.resolve("im_paste.png"));
        JsonNode expected = FixtureImages.json(dir.resolve("expected.json"));

        // When
        SegmentationScores scores = SegmentationScorer.score(
                target, prediction, SegmentationScorer.STANDARD_ANSWER_CELL, ScoringMode.OFFICIAL);

        // Then
        assertThat(scores.iou()).isCloseTo(expected.get("iou").asDouble(), within(1e-6));
        assertThat(scores.colorBlindIou())
                .isCloseTo(expected.get("color_blind_iou").asDouble(), within(1e-6));
        assertThat(scores.accuracy()).isCloseTo(expected.get("accuracy").asDouble(), within(1e-6));
    }

    /**
     * The fixture's "int32 arithmetic" column is round_image with the wrap-around removed, i.e. the squared
     * Euclidean distance: nearest-colour snapping. So it is an independent reference for EXACT on the real episode.
     */
    @Test
    void shouldMatchTheInt32ColumnOfTheFixtureWhenScoringExactly() throws IOException {
        // Given
        Path dir = FixtureImages.folder("canvas.png", "im_paste.png", "expected.json");
        RgbImage target = FixtureImages.png(dir.resolve("canvas.png"));
        RgbImage prediction = FixtureImages.png(dir.resolve("im_paste.png"));
        JsonNode expected = FixtureImages.json(dir.resolve("expected.json"));

        // When
        SegmentationScores scores = SegmentationScorer.score(
                target, prediction, SegmentationScorer.STANDARD_ANSWER_CELL, ScoringMode.EXACT);

        // Then
        assertThat(scores.iou())
                .isCloseTo(
                        expected.get("iou_if_round_image_used_int32_arithmetic").asDouble(), within(1e-6));
        assertThat(scores.colorBlindIou())
                .isCloseTo(
                        expected.get("color_blind_iou_if_round_image_used_int32_arithmetic")
                                .asDouble(),
                        within(1e-6));
        assertThat(scores.accuracy())
                .isCloseTo(
                        expected.get("accuracy_if_round_image_used_int32_arithmetic")
                                .asDouble(),
                        within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("segmentationRefs")
    void shouldEqualPythonReferenceWhenScoringOfficially(RefCase c) {
        // Given / When
        SegmentationScores white = SegmentationScorer.score(c.target(), c.prediction(), c.cell(), ScoringMode.OFFICIAL);
        SegmentationScores purple = SegmentationScorer.score(
                c.target(), c.prediction(), c.cell(), ScoringMode.OFFICIAL, RgbColor.YELLOW, RgbColor.PURPLE);

        // Then
        ScoreRefs.assertScores(white, c.json().get("official"), "official");
        ScoreRefs.assertScores(purple, c.json().get("officialPurple"), "official purple");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("segmentationRefs")
    void shouldEqualNearestColourReferenceWhenScoringExactly(RefCase c) {
        // Given / When
        SegmentationScores white = SegmentationScorer.score(c.target(), c.prediction(), c.cell(), ScoringMode.EXACT);
        SegmentationScores purple = SegmentationScorer.score(
                c.target(), c.prediction(), c.cell(), ScoringMode.EXACT, RgbColor.YELLOW, RgbColor.PURPLE);

        // Then
        ScoreRefs.assertScores(white, c.json().get("exact"), "exact");
        ScoreRefs.assertScores(purple, c.json().get("exactPurple"), "exact purple");
    }

    @Test
    void shouldAgreeAcrossModesWhenImagesAreExactlyBlackAndWhite() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            // Given
            RgbImage target = randomBlackWhite(random, 60, 50);
            RgbImage prediction = randomBlackWhite(random, 60, 50);
            Cell cell =
                    new Cell(random.nextInt(20), random.nextInt(20), 1 + random.nextInt(40), 1 + random.nextInt(30));

            // When
            SegmentationScores official = SegmentationScorer.score(target, prediction, cell, ScoringMode.OFFICIAL);
            SegmentationScores exact = SegmentationScorer.score(target, prediction, cell, ScoringMode.EXACT);

            // Then
            assertThat(official).as("trial %d, %s", trial, cell).isEqualTo(exact);
        }
    }

    @Test
    void shouldGivePerfectScoresWhenPredictionEqualsTarget() {
        // Given
        RgbImage target = randomBlackWhite(new Random(3), 224, 224);

        // When
        SegmentationScores scores =
                SegmentationScorer.score(target, target, SegmentationScorer.STANDARD_ANSWER_CELL, ScoringMode.EXACT);

        // Then
        assertThat(scores).isEqualTo(new SegmentationScores(1.0, 1.0, 1.0));
    }

    @Test
    void shouldCompareExactColoursWithoutSnappingWhenScoringUnrounded() {
        // Given: a 4x1 cell at (1, 1) of 6x3 images; outside it everything differs (must be ignored)
        RgbImage target = RgbImage.filled(6, 3, 0, 0, 0);
        RgbImage prediction = RgbImage.filled(6, 3, 255, 255, 255);
        int[][] t = {{255, 255, 255}, {255, 255, 255}, {250, 250, 250}, {0, 0, 0}};
        int[][] p = {{255, 255, 255}, {255, 0, 0}, {255, 255, 255}, {10, 10, 10}};
        for (int x = 0; x < 4; x++) {
            for (int c = 0; c < 3; c++) {
                target.pixels()[3 * (6 + 1 + x) + c] = (byte) t[x][c];
                prediction.pixels()[3 * (6 + 1 + x) + c] = (byte) p[x][c];
            }
        }

        // When
        SegmentationScores scores = SegmentationScorer.scoreUnrounded(target, prediction, new Cell(1, 1, 4, 1));

        // Then: GT = {0, 1} (250 grey is not white), P = {0, 2}, CB = {0, 1, 2, 3}; only pixel 0 is equal
        assertThat(scores.iou()).isCloseTo(1.0 / 3, within(1e-7));
        assertThat(scores.colorBlindIou()).isEqualTo(0.5);
        assertThat(scores.accuracy()).isEqualTo(0.25);
    }

    @Test
    void shouldRejectCellWhenItDoesNotFitTheImages() {
        // Given
        RgbImage image = RgbImage.filled(100, 100, 0, 0, 0);

        // When / Then
        assertThatThrownBy(() -> SegmentationScorer.score(
                        image, image, SegmentationScorer.STANDARD_ANSWER_CELL, ScoringMode.OFFICIAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
    }

    static RgbImage randomBlackWhite(Random random, int w, int h) {
        byte[] px = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            byte v = random.nextBoolean() ? (byte) 255 : 0;
            px[3 * i] = v;
            px[3 * i + 1] = v;
            px[3 * i + 2] = v;
        }
        return new RgbImage(w, h, px);
    }
}
