package dev.vprompt.engine.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

class SegmentationMaskTest {

    private static final Cell CELL = new Cell(113, 113, 111, 111);

    @Test
    void shouldLineUpWithTheQueryWhenResizingToANonSquareSize() {
        // Given: the left 55 columns of the cell are white
        RgbImage canvas = DetectionBoxTest.paint(RgbImage.filled(224, 224, 0, 0, 0), new Box(113, 113, 55, 111), 255);

        // When
        BinaryMask mask = SegmentationMask.forQuery(canvas, CELL, 300, 50, ColorRounding.NEAREST);

        // Then: query column X is white iff floor((X + 0.5) * 111 / 300) <= 54, i.e. X <= 148
        assertThat(mask.width()).isEqualTo(300);
        assertThat(mask.height()).isEqualTo(50);
        assertThat(mask).isEqualTo(BinaryMask.filledBox(300, 50, new Box(0, 0, 149, 50)));
    }

    @Test
    void shouldSnapDifferentlyWhenModesDisagreeOnAGrey() {
        // Given: the whole cell is grey 200 (nearest: white; official uint8 wrap-around: black)
        RgbImage canvas = DetectionBoxTest.paint(RgbImage.filled(224, 224, 0, 0, 0), new Box(113, 113, 111, 111), 200);

        // When
        BinaryMask exact = SegmentationMask.inCell(canvas, CELL, ColorRounding.NEAREST);
        BinaryMask official = SegmentationMask.inCell(canvas, CELL, ColorRounding.OFFICIAL_UINT8);

        // Then
        assertThat(exact.count()).isEqualTo(111 * 111);
        assertThat(official.count()).isZero();
    }

    @Test
    void shouldEqualTheResizedCellMaskWhenAskedForTheQuerySize() {
        // Given
        RgbImage canvas = DetectionBoxTest.paint(RgbImage.filled(224, 224, 0, 0, 0), new Box(130, 150, 40, 20), 255);

        // When
        BinaryMask inCell = SegmentationMask.inCell(canvas, CELL, ColorRounding.OFFICIAL_UINT8);
        BinaryMask forQuery = SegmentationMask.forQuery(canvas, CELL, 187, 251, ColorRounding.OFFICIAL_UINT8);

        // Then
        assertThat(inCell).isEqualTo(BinaryMask.filledBox(111, 111, new Box(17, 37, 40, 20)));
        assertThat(forQuery).isEqualTo(inCell.resizeNearest(187, 251));
    }
}
