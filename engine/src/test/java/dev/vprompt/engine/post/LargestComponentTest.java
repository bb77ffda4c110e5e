package dev.vprompt.engine.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LargestComponentTest {

    /** Builds a mask from rows of '#' (foreground) and '.' (background). */
    static BinaryMask mask(String... rows) {
        int w = rows[0].length();
        boolean[] bits = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                bits[y * w + x] = rows[y].charAt(x) == '#';
            }
        }
        return new BinaryMask(w, rows.length, bits);
    }

    @Test
    void shouldBoxTheLargestComponentWhenSeveralExist() {
        // Given: a 3-pixel blob top-left, a 5-pixel L lower right, a 1-pixel speck
        BinaryMask mask = mask(
                "##......", //
                "#.....#.", //
                "........", //
                "...#....", //
                "...#....", //
                "...###..");

        // When
        Optional<Box> box = LargestComponent.boundingBox(mask);

        // Then: columns 3..5, rows 3..5
        assertThat(box).contains(new Box(3, 3, 3, 3));
    }

    @Test
    void shouldJoinDiagonalNeighboursWhenLabelling() {
        // Given: a 4-pixel diagonal (one component with 8-connectivity) and a 3-pixel bar
        BinaryMask mask = mask(
                "#.....", //
                ".#....", //
                "..#...", //
                "...#..", //
                "......", //
                "...###");

        // When
        Optional<Box> box = LargestComponent.boundingBox(mask);

        // Then
        assertThat(box).contains(new Box(0, 0, 4, 4));
    }

    @Test
    void shouldPreferTheLaterComponentWhenSizesTie() {
        // Given: two 2-pixel components
        BinaryMask mask = mask(
                "##..", //
                "....", //
                "..##");

        // When / Then
        assertThat(LargestComponent.boundingBox(mask)).contains(new Box(2, 2, 2, 1));
    }

    @Test
    void shouldReturnNoBoxWhenMaskIsEmpty() {
        assertThat(LargestComponent.boundingBox(BinaryMask.empty(5, 4))).isEmpty();
    }
}
