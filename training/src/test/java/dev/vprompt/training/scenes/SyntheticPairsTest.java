package dev.vprompt.training.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class SyntheticPairsTest {

    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;

    @Test
    void shouldDrawCentreThenRadiusInTheOfficialOrderWhenTheTaskDoesNotFixTheSize() {
        // Given
        Deque<int[]> calls = new ArrayDeque<>();
        IntBinaryOperator recorder = (lo, hi) -> {
            calls.add(new int[] {lo, hi});
            return lo;
        };
        // When
        SyntheticPairs.pair(SyntheticTask.COLOR, recorder);
        SyntheticPairs.pair(SyntheticTask.SIZE, recorder);
        // Then: x, y, radius for COLOR; x, y for SIZE
        assertThat(calls)
                .extracting(c -> c[0] + ".." + c[1])
                .containsExactly("10..214", "10..214", "10..50", "10..214", "10..214");
    }

    @Test
    void shouldChangeOnlyTheColourWhenTheTaskIsColor() {
        // When
        RgbImage[] pair = SyntheticPairs.pair(SyntheticTask.COLOR, fixed(100, 120, 25));
        // Then
        Map<Integer, Integer> in = histogram(pair[0]);
        Map<Integer, Integer> out = histogram(pair[1]);
        assertThat(in.keySet()).containsExactlyInAnyOrder(GREEN, WHITE);
        assertThat(out.keySet()).containsExactlyInAnyOrder(BLUE, WHITE);
        assertThat(out.get(BLUE)).isEqualTo(in.get(GREEN));
        assertThat(in.get(GREEN)).isBetween((int) (Math.PI * 24 * 24), (int) (Math.PI * 26 * 26));
    }

    @Test
    void shouldShrinkRadiusThirtyToTwentyWhenTheTaskIsSize() {
        // When
        RgbImage[] pair = SyntheticPairs.pair(SyntheticTask.SIZE, fixed(112, 112));
        // Then
        int before = histogram(pair[0]).get(GREEN);
        int after = histogram(pair[1]).get(GREEN);
        assertThat(before).isBetween((int) (Math.PI * 29.5 * 29.5), (int) (Math.PI * 30.5 * 30.5));
        assertThat(after).isBetween((int) (Math.PI * 19.5 * 19.5), (int) (Math.PI * 20.5 * 20.5));
    }

    @Test
    void shouldDrawTheInclusiveSquareOfTheRadiusWhenTheTaskChangesShapeAndColour() {
        // When
        RgbImage[] pair = SyntheticPairs.pair(SyntheticTask.SHAPE_COLOR, fixed(50, 60, 12));
        // Then: corners (38, 48) .. (62, 72) inclusive: 25 x 25 pixels
        assertThat(histogram(pair[1]).get(BLUE)).isEqualTo(25 * 25);
        assertThat(rgb(pair[1], 38, 48)).isEqualTo(BLUE);
        assertThat(rgb(pair[1], 62, 72)).isEqualTo(BLUE);
        assertThat(rgb(pair[1], 63, 72)).isEqualTo(WHITE);
    }

    @Test
    void shouldClipShapesAtTheBorderWhenCentredNearIt() {
        RgbImage[] pair = SyntheticPairs.pair(SyntheticTask.SHAPE, fixed(10, 213, 49));
        assertThat(pair[1].width()).isEqualTo(224);
        assertThat(histogram(pair[1]).get(GREEN)).isEqualTo((10 + 49 + 1) * (224 - (213 - 49)));
    }

    private static IntBinaryOperator fixed(int... values) {
        Deque<Integer> q = new ArrayDeque<>();
        for (int v : values) {
            q.add(v);
        }
        return (lo, hi) -> q.removeFirst();
    }

    private static int rgb(RgbImage i, int x, int y) {
        return (i.get(x, y, 0) << 16) | (i.get(x, y, 1) << 8) | i.get(x, y, 2);
    }

    private static Map<Integer, Integer> histogram(RgbImage image) {
        Map<Integer, Integer> h = new HashMap<>();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                h.merge(rgb(image, x, y), 1, Integer::sum);
            }
        }
        return h;
    }

    @SuppressWarnings("unused")
    private static final List<Integer> COLOURS = List.of(GREEN, BLUE, WHITE);
}
