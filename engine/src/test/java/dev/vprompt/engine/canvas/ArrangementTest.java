package dev.vprompt.engine.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Arrangement.Slot;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties every 2x2 arrangement must have, independent of pixel content. */
class ArrangementTest {

    private static boolean pixelPredicted(PatchMask mask, int x, int y) {
        return mask.isPredicted((y / PatchMask.PATCH_SIZE) * PatchMask.GRID + x / PatchMask.PATCH_SIZE);
    }

    /** How many pixels of {@code cell} lie in predicted ({@code true}) or visible ({@code false}) patches. */
    private static int pixelsWhere(PatchMask mask, Cell cell, boolean predicted) {
        int n = 0;
        for (int y = cell.y(); y < cell.y() + cell.height(); y++) {
            for (int x = cell.x(); x < cell.x() + cell.width(); x++) {
                n += pixelPredicted(mask, x, y) == predicted ? 1 : 0;
            }
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(Arrangement.class)
    void shouldPredictExactly49PatchesCoveringTheAnswerCell(Arrangement arrangement) {
        // Given
        PatchMask mask = arrangement.mask();
        Cell answer = arrangement.answerCell();

        // When
        long predicted =
                IntStream.range(0, PatchMask.PATCHES).filter(mask::isPredicted).count();

        // Then
        assertThat(predicted).isEqualTo(49);
        assertThat(mask.keptCount()).isEqualTo(147);
        assertThat(pixelsWhere(mask, answer, true)).isEqualTo(answer.width() * answer.height());
    }

    @ParameterizedTest
    @EnumSource(Arrangement.class)
    void shouldKeepEveryPromptPixelVisible(Arrangement arrangement) {
        // Given
        PatchMask mask = arrangement.mask();

        // When / Then: the model sees the whole example pair and the query
        for (Slot slot : List.of(Slot.EXAMPLE_INPUT, Slot.EXAMPLE_OUTPUT, Slot.QUERY)) {
            Cell c = arrangement.cell(slot);
            for (int y = c.y(); y < c.y() + c.height(); y++) {
                for (int x = c.x(); x < c.x() + c.width(); x++) {
                    assertThat(pixelPredicted(mask, x, y))
                            .as("%s pixel %d,%d", slot, x, y)
                            .isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Arrangement.class)
    void shouldPlaceFourSlotsInFourDistinctQuadrants(Arrangement arrangement) {
        // When
        Set<Cell> cells = new HashSet<>();
        for (Slot slot : Slot.values()) {
            cells.add(arrangement.cell(slot));
        }

        // Then
        assertThat(cells)
                .containsExactlyInAnyOrder(
                        new Cell(0, 0, 111, 111),
                        new Cell(113, 0, 111, 111),
                        new Cell(0, 113, 111, 111),
                        new Cell(113, 113, 111, 111));
        assertThat(arrangement.answerCell()).isEqualTo(arrangement.cell(Slot.ANSWER));
    }

    @ParameterizedTest
    @EnumSource(Arrangement.class)
    void shouldKeepPairsTogetherAndInputsAligned(Arrangement arrangement) {
        // Given
        Cell exIn = arrangement.cell(Slot.EXAMPLE_INPUT);
        Cell exOut = arrangement.cell(Slot.EXAMPLE_OUTPUT);
        Cell query = arrangement.cell(Slot.QUERY);
        Cell answer = arrangement.answerCell();

        // Then: each pair on one row (or column); inputs and outputs in the same order for both pairs
        if (arrangement.pairsInRows()) {
            assertThat(exIn.y()).isEqualTo(exOut.y());
            assertThat(query.y()).isEqualTo(answer.y());
            assertThat(exIn.x()).isEqualTo(query.x());
        } else {
            assertThat(exIn.x()).isEqualTo(exOut.x());
            assertThat(query.x()).isEqualTo(answer.x());
            assertThat(exIn.y()).isEqualTo(query.y());
        }
    }

    @Test
    void shouldOfferEightDistinctPlacements() {
        // When
        Set<List<Cell>> placements = new HashSet<>();
        for (Arrangement a : Arrangement.values()) {
            placements.add(Arrays.stream(Slot.values()).map(a::cell).toList());
        }

        // Then
        assertThat(placements).hasSize(8);
        assertThat(EnumSet.allOf(Arrangement.class)).contains(Arrangement.STANDARD);
    }

    @Test
    void shouldMatchOfficialEvaluationMaskWhenStandard() {
        // Given: generate_mask_for_evaluation keeps the top 7 rows and the left 7 columns
        PatchMask official = PatchMask.rectangle(7, 13, 7, 13);

        // When
        PatchMask mask = Arrangement.STANDARD.mask();

        // Then
        assertThat(mask).isEqualTo(official);
        assertThat(Arrangement.STANDARD.answerCell()).isEqualTo(new Cell(113, 113, 111, 111));
    }

    @ParameterizedTest
    @EnumSource(Arrangement.class)
    void shouldOrderIdsShuffleVisibleAscendingThenPredictedAscending(Arrangement arrangement) {
        // Given
        PatchMask mask = arrangement.mask();

        // When
        int[] ids = mask.idsShuffle();

        // Then
        assertThat(ids).hasSize(196);
        assertThat(Arrays.stream(ids).sorted().toArray())
                .isEqualTo(IntStream.range(0, 196).toArray());
        int[] kept = Arrays.copyOfRange(ids, 0, 147);
        int[] masked = Arrays.copyOfRange(ids, 147, 196);
        assertThat(kept).isSorted();
        assertThat(masked).isSorted();
        assertThat(Arrays.stream(kept).filter(mask::isPredicted)).isEmpty();
        assertThat(Arrays.stream(masked).filter(p -> !mask.isPredicted(p))).isEmpty();
    }
}
