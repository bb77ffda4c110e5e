package dev.vprompt.engine.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectionBoxTest {

    private static final Cell CELL = new Cell(113, 113, 111, 111);

    @Test
    void shouldBoxTheLargestBlobWhenCanvasHasSeveral() {
        // Given: a 20x10 blob and a 5x5 blob in the cell, a big white area outside the cell (ignored)
        RgbImage canvas = paint(RgbImage.filled(224, 224, 0, 0, 0), new Box(0, 0, 100, 100), 255);
        canvas = paint(canvas, new Box(113 + 30, 113 + 40, 20, 10), 240);
        canvas = paint(canvas, new Box(113 + 80, 113 + 80, 5, 5), 255);

        // When
        Optional<DetectionBox> box = DetectionBox.detect(canvas, CELL, 111, 111, ColorRounding.NEAREST);

        // Then
        assertThat(box).map(DetectionBox::cellBox).contains(new Box(30, 40, 20, 10));
        assertThat(box).map(DetectionBox::queryBox).contains(new Box(30, 40, 20, 10));
    }

    @Test
    void shouldReturnNoBoxWhenPredictionIsAllBlack() {
        // Given
        RgbImage canvas = RgbImage.filled(224, 224, 0, 0, 0);

        // When / Then
        for (ColorRounding rounding : ColorRounding.values()) {
            assertThat(DetectionBox.detect(canvas, CELL, 187, 251, rounding)).isEmpty();
        }
    }

    @Test
    void shouldScaleOnlyTheWidthWhenQueryIsTwiceAsWide() {
        // Given: a 10x10 cell and a 20x10 query; columns 2..4 → query columns 4..9
        Box cellBox = new Box(2, 3, 3, 4);

        // When
        Box queryBox = DetectionBox.toQuery(cellBox, 10, 10, 20, 10);

        // Then
        assertThat(queryBox).isEqualTo(new Box(4, 3, 6, 4));
    }

    @Test
    void shouldCoverTheWholeQueryWhenBoxCoversTheWholeCell() {
        assertThat(DetectionBox.toQuery(new Box(0, 0, 111, 111), 111, 111, 187, 251))
                .isEqualTo(new Box(0, 0, 187, 251));
    }

    @Test
    void shouldKeepOnePixelWhenBoxIsThinnerThanAQueryPixel() {
        // Given: a 10x10 cell shrunk to a 5x5 query; column 2 lies between the sampled columns 1 and 3
        Box thin = new Box(2, 0, 1, 10);

        // When
        Box queryBox = DetectionBox.toQuery(thin, 10, 10, 5, 5);

        // Then
        assertThat(queryBox).isEqualTo(new Box(1, 0, 1, 5));
    }

    @Test
    void shouldLineUpWithTheResizedCellMaskWhenMappingToNonSquareQueries() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            // Given
            int cw = 5 + random.nextInt(120);
            int ch = 5 + random.nextInt(120);
            int qw = 1 + random.nextInt(400);
            int qh = 1 + random.nextInt(400);
            int x = random.nextInt(cw);
            int y = random.nextInt(ch);
            Box cellBox = new Box(x, y, 1 + random.nextInt(cw - x), 1 + random.nextInt(ch - y));
            BinaryMask resized = BinaryMask.filledBox(cw, ch, cellBox).resizeNearest(qw, qh);

            // When
            DetectionBox box = new DetectionBox(cellBox, DetectionBox.toQuery(cellBox, cw, ch, qw, qh));

            // Then
            if (resized.count() > 0) {
                assertThat(box.queryMask(qw, qh)).as("trial %d", trial).isEqualTo(resized);
            } else {
                assertThat(Math.min(box.queryBox().width(), box.queryBox().height()))
                        .as("trial %d", trial)
                        .isEqualTo(1);
            }
        }
    }

    static RgbImage paint(RgbImage image, Box box, int grey) {
        byte[] px = image.pixels().clone();
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                int i = 3 * (y * image.width() + x);
                px[i] = (byte) grey;
                px[i + 1] = (byte) grey;
                px[i + 2] = (byte) grey;
            }
        }
        return new RgbImage(image.width(), image.height(), px);
    }
}
