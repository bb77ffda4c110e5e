package dev.vprompt.engine.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The eight prompt-SelF canvases against the arrangement table of the official ensemble (A1..A8, written here as the
 * table lists them: the images at top-left, top-right, bottom-left, bottom-right, and the quadrant the model fills).
 * The four images are 111x111 (a cell already, so the resize is the identity) and asymmetric, so a flipped or
 * transposed cell would not match.
 */
class PromptSelfArrangementsTest {

    private static final int CELL = 111;
    private static final Map<String, int[]> QUADRANT_ORIGIN = Map.of(
            "TL", new int[] {0, 0}, "TR", new int[] {113, 0}, "BL", new int[] {0, 113}, "BR", new int[] {113, 113});

    /** A1..A8 as the prompt-SelF table gives them: cells (TL, TR, BL, BR), then the answer quadrant. */
    static List<Arguments> table() {
        return List.of(
                Arguments.of(1, List.of("Si", "Sm", "Qi", "Qm"), "BR"),
                Arguments.of(2, List.of("Sm", "Si", "Qm", "Qi"), "BL"),
                Arguments.of(3, List.of("Qm", "Qi", "Sm", "Si"), "TL"),
                Arguments.of(4, List.of("Qi", "Qm", "Si", "Sm"), "TR"),
                Arguments.of(5, List.of("Sm", "Qm", "Si", "Qi"), "TR"),
                Arguments.of(6, List.of("Qm", "Sm", "Qi", "Si"), "TL"),
                Arguments.of(7, List.of("Qi", "Si", "Qm", "Sm"), "BL"),
                Arguments.of(8, List.of("Si", "Qi", "Sm", "Qm"), "BR"));
    }

    /** An image whose red channel runs along x, green along y, and blue names the image. */
    private static RgbImage asymmetric(int id) {
        byte[] px = new byte[3 * CELL * CELL];
        for (int y = 0; y < CELL; y++) {
            for (int x = 0; x < CELL; x++) {
                int i = 3 * (y * CELL + x);
                px[i] = (byte) (2 * x);
                px[i + 1] = (byte) (255 - 2 * y);
                px[i + 2] = (byte) (40 * id + (x * y) % 7);
            }
        }
        return new RgbImage(CELL, CELL, px);
    }

    private static final Map<String, RgbImage> IMAGES =
            Map.of("Si", asymmetric(1), "Sm", asymmetric(2), "Qi", asymmetric(3), "Qm", asymmetric(4));

    @ParameterizedTest(name = "A{0}")
    @MethodSource("table")
    void shouldPlaceEveryImageUnflippedInItsQuadrantWhenBuildingArrangementAn(
            int number, List<String> cells, String answer) {
        // Given
        Arrangement a = Arrangement.PROMPT_SELF.get(number - 1);

        // When: the ground truth given, so every quadrant holds an image
        Canvas canvas = new CanvasBuilder()
                .grid2x2(
                        a,
                        IMAGES.get("Si"),
                        IMAGES.get("Sm"),
                        IMAGES.get("Qi"),
                        IMAGES.get("Qm"),
                        PilResize.Filter.BICUBIC);

        // Then
        List<String> quadrants = List.of("TL", "TR", "BL", "BR");
        for (int q = 0; q < 4; q++) {
            int[] o = QUADRANT_ORIGIN.get(quadrants.get(q));
            assertThat(region(canvas.image(), o[0], o[1]))
                    .as("A%d %s holds %s", number, quadrants.get(q), cells.get(q))
                    .isEqualTo(IMAGES.get(cells.get(q)).pixels());
        }
        int[] ao = QUADRANT_ORIGIN.get(answer);
        assertThat(canvas.answerCell()).isEqualTo(new Cell(ao[0], ao[1], CELL, CELL));
        assertThat(cells.get(quadrants.indexOf(answer))).isEqualTo("Qm");
    }

    @ParameterizedTest(name = "A{0}")
    @MethodSource("table")
    void shouldPredictExactlyTheAnswerQuadrantsPatchesWhenBuildingArrangementAn(
            int number, List<String> cells, String answer) {
        // Given: the quadrant's 7x7 patches, from the table's answer position
        int r0 = answer.startsWith("T") ? 0 : 7;
        int c0 = answer.endsWith("L") ? 0 : 7;
        Set<Integer> expected = new HashSet<>();
        for (int r = r0; r < r0 + 7; r++) {
            for (int c = c0; c < c0 + 7; c++) {
                expected.add(r * 14 + c);
            }
        }

        // When
        PatchMask mask = Arrangement.PROMPT_SELF.get(number - 1).mask();

        // Then
        for (int p = 0; p < PatchMask.PATCHES; p++) {
            assertThat(mask.isPredicted(p)).as("A%d patch %d", number, p).isEqualTo(expected.contains(p));
        }
    }

    @ParameterizedTest(name = "A{0}")
    @MethodSource("table")
    void shouldListEachArrangementOnceWhenTheEnsembleTakesAllEight(int number, List<String> cells, String answer) {
        // Then: eight distinct arrangements, A1 the official evaluation canvas
        assertThat(new HashSet<>(Arrangement.PROMPT_SELF)).hasSize(8);
        assertThat(Arrangement.PROMPT_SELF.get(0)).isEqualTo(Arrangement.STANDARD);
        assertThat(Arrangement.PROMPT_SELF.get(number - 1).answerCell().x()).isEqualTo(answer.endsWith("R") ? 113 : 0);
    }

    private static byte[] region(RgbImage canvas, int x0, int y0) {
        byte[] out = new byte[3 * CELL * CELL];
        for (int y = 0; y < CELL; y++) {
            System.arraycopy(canvas.pixels(), 3 * ((y0 + y) * canvas.width() + x0), out, 3 * y * CELL, 3 * CELL);
        }
        return out;
    }
}
