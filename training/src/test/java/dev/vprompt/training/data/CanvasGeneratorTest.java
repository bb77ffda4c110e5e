package dev.vprompt.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanvasGeneratorTest {

    private static final HeldOut NONE = HeldOut.officialSynthetic(0, 0);

    @Test
    void shouldRegenerateTheSameCanvasWhenAskedForTheSameIndexTwice() {
        // Given
        CanvasGenerator a = new CanvasGenerator(4, NONE, CanvasGenerator.defaultShares());
        CanvasGenerator b = new CanvasGenerator(4, NONE, CanvasGenerator.defaultShares());

        // When
        TrainingCanvas first = a.sample(17);
        TrainingCanvas again = b.sample(17);

        // Then
        assertThat(again.family()).isEqualTo(first.family());
        assertThat(again.canvas().image().pixels())
                .isEqualTo(first.canvas().image().pixels());
        assertThat(a.sample(18).canvas().image().pixels())
                .isNotEqualTo(first.canvas().image().pixels());
    }

    @Test
    void shouldHideTheLayoutsAnswerCellWhenBuildingCanvases() {
        // Given
        CanvasGenerator g = new CanvasGenerator(2, NONE, CanvasGenerator.defaultShares());
        Set<PatchMask> quadrants = new java.util.HashSet<>();
        for (Arrangement a : Arrangement.values()) {
            quadrants.add(a.mask());
        }

        // When / Then
        for (int i = 0; i < 60; i++) {
            TrainingCanvas c = g.sample(i);
            if (c.canvas().layout() == Layout.GRID_3X2) {
                assertThat(c.canvas().mask()).isEqualTo(PatchMask.rectangle(9, 13, 7, 11));
                assertThat(c.canvas().mask().keptCount()).isEqualTo(171);
                assertThat(c.canvas().image().get(0, 0, 0)).isEqualTo(CanvasBuilder.GRID3X2_BACKGROUND);
            } else {
                assertThat(quadrants).contains(c.canvas().mask());
                assertThat(c.canvas().mask().keptCount()).isEqualTo(147);
                assertThat(c.canvas().image().get(111, 111, 0)).isEqualTo(CanvasBuilder.GRID2X2_BACKGROUND);
            }
        }
    }

    @Test
    void shouldDrawEveryFamilyWhenSamplingTheDefaultMixture() {
        // Given
        CanvasGenerator g = new CanvasGenerator(3, NONE, CanvasGenerator.defaultShares());
        Set<Family> seen = EnumSet.noneOf(Family.class);

        // When
        for (int i = 0; i < 400 && seen.size() < Family.values().length; i++) {
            seen.add(g.sample(i).family());
        }

        // Then
        assertThat(seen).containsExactlyInAnyOrder(Family.values());
    }

    @Test
    void shouldDrawOnlyTheFamiliesWithAShareWhenTheMixtureIsRestricted() {
        // Given
        Map<Family, Integer> shares = new EnumMap<>(Family.class);
        shares.put(Family.OFFICIAL, 1);
        CanvasGenerator g = new CanvasGenerator(3, NONE, shares);

        // When / Then
        for (int i = 0; i < 20; i++) {
            assertThat(g.sample(i).family()).isEqualTo(Family.OFFICIAL);
        }
        assertThatThrownBy(() -> new CanvasGenerator(3, NONE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no family");
    }

    @Test
    void shouldContinueTheStreamWhenShifted() {
        // Given
        CanvasGenerator g = new CanvasGenerator(6, NONE, CanvasGenerator.defaultShares());

        // When
        TrainingCanvas shifted = g.shifted(100).sample(5);

        // Then
        assertThat(shifted.index()).isEqualTo(105);
        assertThat(shifted.canvas().image().pixels())
                .isEqualTo(g.sample(105).canvas().image().pixels());
    }
}
