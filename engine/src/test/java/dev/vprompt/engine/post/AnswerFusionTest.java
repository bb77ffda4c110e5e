package dev.vprompt.engine.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fusion against cells worked out by hand (sums and means written next to each case). */
class AnswerFusionTest {

    /** Eight 1x1 cells whose pixel i is {@code values[i]} in all three channels. */
    private static List<RgbImage> eightGrey(int... values) {
        List<RgbImage> cells = new ArrayList<>();
        for (int v : values) {
            cells.add(RgbImage.filled(1, 1, v, v, v));
        }
        return cells;
    }

    @Test
    void shouldTurnTheMeanOfEightCellsIntoWhiteOnlyAboveOneHundredTwentySevenWhenFusingMasks() {
        // Given: sums 1017 (mean 127.125) and 1016 (mean 127.0)
        List<RgbImage> above = eightGrey(255, 255, 255, 252, 0, 0, 0, 0);
        List<RgbImage> at = eightGrey(255, 255, 255, 251, 0, 0, 0, 0);

        // When
        RgbImage white = AnswerFusion.fuse(above, AnswerFusion.Rule.MASK_THRESHOLD);
        RgbImage black = AnswerFusion.fuse(at, AnswerFusion.Rule.MASK_THRESHOLD);

        // Then
        assertThat(white.pixels()).containsExactly(-1, -1, -1);
        assertThat(black.pixels()).containsExactly(0, 0, 0);
    }

    @Test
    void shouldThresholdEachChannelOnItsOwnWhenFusingMasks() {
        // Given: two 2x1 cells; pixel 0 channels (R,G,B) = (200,100,128) and (100,100,128): means 150, 100, 128;
        // pixel 1 = (0,255,127) and (0,255,128): means 0, 255, 127.5
        RgbImage a = new RgbImage(2, 1, bytes(200, 100, 128, 0, 255, 127));
        RgbImage b = new RgbImage(2, 1, bytes(100, 100, 128, 0, 255, 128));

        // When
        RgbImage fused = AnswerFusion.fuse(List.of(a, b), AnswerFusion.Rule.MASK_THRESHOLD);

        // Then
        assertThat(fused.pixels()).containsExactly(bytes(255, 0, 255, 0, 255, 255));
    }

    @Test
    void shouldMarkAnEdgeWhenAnyChannelMeanExceedsOneHundredTwoWhenFusingEdges() {
        // Given: pixel 0 means (0, 0, 103) -> edge; pixel 1 means (102, 102, 102) -> none
        RgbImage a = new RgbImage(2, 1, bytes(0, 0, 206, 204, 204, 204));
        RgbImage b = new RgbImage(2, 1, bytes(0, 0, 0, 0, 0, 0));

        // When
        RgbImage fused = AnswerFusion.fuse(List.of(a, b), AnswerFusion.Rule.EDGE_ANY_CHANNEL);

        // Then
        assertThat(fused.pixels()).containsExactly(bytes(255, 255, 255, 0, 0, 0));
    }

    @Test
    void shouldRoundHalfwayMeansToEvenWhenFusingImages() {
        // Given: means 1.5 -> 2, 2.5 -> 2, 10/3 = 3.33 -> 3, 11/3 = 3.67 -> 4 (as np.rint)
        RgbImage a = new RgbImage(4, 1, bytes(1, 0, 0, 2, 0, 0, 3, 0, 0, 3, 0, 0));
        RgbImage b = new RgbImage(4, 1, bytes(2, 0, 0, 3, 0, 0, 3, 0, 0, 4, 0, 0));
        RgbImage c = new RgbImage(4, 1, bytes(1, 0, 0, 2, 0, 0, 4, 0, 0, 4, 0, 0));
        RgbImage d = new RgbImage(4, 1, bytes(2, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0));

        // When: the first two pixels over four cells (sums 6 and 10), the last two over three (a, b, c)
        RgbImage four = AnswerFusion.fuse(List.of(a, b, c, d), AnswerFusion.Rule.ROUNDED_MEAN);
        RgbImage three = AnswerFusion.fuse(List.of(a, b, c), AnswerFusion.Rule.ROUNDED_MEAN);

        // Then
        assertThat(four.get(0, 0, 0)).isEqualTo(2);
        assertThat(four.get(1, 0, 0)).isEqualTo(2);
        assertThat(three.get(2, 0, 0)).isEqualTo(3);
        assertThat(three.get(3, 0, 0)).isEqualTo(4);
    }

    @Test
    void shouldReturnTheCellItselfWhenThereIsOneMaskCellAlreadyBinary() {
        // Given
        RgbImage one = new RgbImage(2, 1, bytes(255, 255, 255, 0, 0, 0));

        // When
        RgbImage fused = AnswerFusion.fuse(List.of(one), AnswerFusion.Rule.MASK_THRESHOLD);

        // Then
        assertThat(fused.pixels()).containsExactly(one.pixels());
    }

    @Test
    void shouldRefuseCellsOfDifferentSizesWhenFusing() {
        // Given
        List<RgbImage> cells = List.of(RgbImage.filled(2, 2, 0, 0, 0), RgbImage.filled(2, 3, 0, 0, 0));

        // When / Then
        assertThatThrownBy(() -> AnswerFusion.fuse(cells, AnswerFusion.Rule.MASK_THRESHOLD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnswerFusion.fuse(List.of(), AnswerFusion.Rule.MASK_THRESHOLD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
