package dev.vprompt.engine.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.canvas.Arrangement.Slot;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Placement and background of the canvases, using flat-coloured images (which resize to themselves). */
class CanvasBuilderTest {

    private final CanvasBuilder builder = new CanvasBuilder();

    private static RgbImage flat(int w, int h, int value) {
        return RgbImage.filled(w, h, value, 255 - value, value / 2);
    }

    /** Every pixel of {@code cell} has the colour of {@code flat(.., value)}. */
    private static void assertRegion(RgbImage canvas, Cell cell, int value) {
        int[] expected = {value, 255 - value, value / 2};
        String firstMismatch = null;
        for (int y = cell.y(); y < cell.y() + cell.height() && firstMismatch == null; y++) {
            for (int x = cell.x(); x < cell.x() + cell.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    if (canvas.get(x, y, c) != expected[c]) {
                        firstMismatch = "pixel " + x + "," + y + " channel " + c + " = " + canvas.get(x, y, c);
                        break;
                    }
                }
            }
        }
        assertThat(firstMismatch).as("%s should be filled with %d", cell, value).isNull();
    }

    private static int countPixels(RgbImage image, int r, int g, int b) {
        int n = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (image.get(x, y, 0) == r && image.get(x, y, 1) == g && image.get(x, y, 2) == b) {
                    n++;
                }
            }
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(Arrangement.class)
    void shouldPlaceEachImageInItsCellWhenBuilding2x2(Arrangement arrangement) {
        // Given: odd source sizes, four distinct colours
        RgbImage exIn = flat(300, 200, 10);
        RgbImage exOut = flat(17, 450, 60);
        RgbImage query = flat(111, 111, 120);
        RgbImage answer = flat(5, 3, 200);

        // When
        Canvas canvas = builder.grid2x2(arrangement, exIn, exOut, query, answer);

        // Then
        assertRegion(canvas.image(), arrangement.cell(Slot.EXAMPLE_INPUT), 10);
        assertRegion(canvas.image(), arrangement.cell(Slot.EXAMPLE_OUTPUT), 60);
        assertRegion(canvas.image(), arrangement.cell(Slot.QUERY), 120);
        assertRegion(canvas.image(), arrangement.answerCell(), 200);
        assertThat(countPixels(canvas.image(), 255, 255, 255)).isEqualTo(224 * 224 - 4 * 111 * 111);
        assertThat(canvas.mask()).isEqualTo(arrangement.mask());
        assertThat(canvas.layout()).isEqualTo(Layout.GRID_2X2);
    }

    @Test
    void shouldLeaveAnswerWhiteWhenNoAnswerGiven() {
        // When
        Canvas canvas = builder.grid2x2(flat(40, 40, 10), flat(40, 40, 60), flat(40, 40, 120), null);

        // Then
        assertThat(countPixels(canvas.image(), 255, 255, 255)).isEqualTo(224 * 224 - 3 * 111 * 111);
        Cell answer = canvas.answerCell();
        assertThat(canvas.image().get(answer.x(), answer.y(), 0)).isEqualTo(255);
    }

    @Test
    void shouldFollowOfficialGeometryWhenBuilding3x2() {
        // Given
        List<RgbImage[]> pairs = List.of(
                new RgbImage[] {flat(224, 224, 10), flat(224, 224, 40)},
                new RgbImage[] {flat(100, 50, 70), flat(224, 224, 100)});

        // When
        Canvas canvas = builder.grid3x2(pairs, flat(224, 224, 130), flat(224, 224, 160));

        // Then: rows at y = 0, 75, 150; inputs at x = 37..110, outputs at x = 113..186; 74x74 cells
        RgbImage img = canvas.image();
        assertRegion(img, new Cell(37, 0, 74, 74), 10);
        assertRegion(img, new Cell(113, 0, 74, 74), 40);
        assertRegion(img, new Cell(37, 75, 74, 74), 70);
        assertRegion(img, new Cell(113, 75, 74, 74), 100);
        assertRegion(img, new Cell(37, 150, 74, 74), 130);
        assertRegion(img, new Cell(113, 150, 74, 74), 160);
        assertThat(countPixels(img, 0, 0, 0)).isEqualTo(224 * 224 - 6 * 74 * 74);
        assertThat(canvas.answerCell()).isEqualTo(new Cell(113, 150, 74, 74));
        assertThat(canvas.layout()).isEqualTo(Layout.GRID_3X2);
    }

    @Test
    void shouldPredictOfficialPatchBlockWhenBuilding3x2() {
        // When
        Canvas canvas = builder.grid3x2(
                List.of(new RgbImage[] {flat(9, 9, 1), flat(9, 9, 2)}, new RgbImage[] {flat(9, 9, 3), flat(9, 9, 4)}),
                flat(9, 9, 5),
                null);

        // Then: patch rows 9-13, columns 7-11 (tta.py); they cover the answer cell
        PatchMask mask = canvas.mask();
        assertThat(mask).isEqualTo(PatchMask.rectangle(9, 13, 7, 11));
        assertThat(mask.keptCount()).isEqualTo(171);
        Cell answer = canvas.answerCell();
        int uncovered = 0;
        for (int y = answer.y(); y < answer.y() + answer.height(); y++) {
            for (int x = answer.x(); x < answer.x() + answer.width(); x++) {
                uncovered += mask.isPredicted((y / 16) * 14 + x / 16) ? 0 : 1;
            }
        }
        assertThat(uncovered).isZero();
        // the official block starts at patch row 9 = pixel row 144, inside the second example output (rows 75-148)
        assertThat(mask.isPredicted(9 * 14 + 7)).isTrue();
        assertThat(mask.isPredicted(8 * 14 + 7)).isFalse();
        assertThat(countPixels(canvas.image(), 0, 0, 0)).isEqualTo(224 * 224 - 5 * 74 * 74);
    }

    @Test
    void shouldRejectWrongNumberOfExamplePairs() {
        RgbImage img = flat(4, 4, 1);
        assertThatThrownBy(() -> builder.grid3x2(List.<RgbImage[]>of(new RgbImage[] {img, img}), img, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.grid3x2(List.of(new RgbImage[] {img}, new RgbImage[] {img, img}), img, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
