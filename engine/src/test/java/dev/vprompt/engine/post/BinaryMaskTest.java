package dev.vprompt.engine.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

class BinaryMaskTest {

    @Test
    void shouldDuplicatePixelsWhenUpscalingByTwo() {
        // Given: 2x1 mask [on, off]
        BinaryMask mask = new BinaryMask(2, 1, new boolean[] {true, false});

        // When
        BinaryMask big = mask.resizeNearest(4, 2);

        // Then
        assertThat(big.bits()).containsExactly(true, true, false, false, true, true, false, false);
    }

    @Test
    void shouldTakeThePixelUnderEachCentreWhenDownscaling() {
        // Given: 1x6 column, only row 4 on; centres of 3 output rows fall on source rows 1, 3, 5
        boolean[] bits = new boolean[6];
        bits[4] = true;
        BinaryMask mask = new BinaryMask(1, 6, bits);

        // When
        BinaryMask small = mask.resizeNearest(1, 3);

        // Then
        assertThat(small.count()).isZero();
        assertThat(mask.resizeNearest(1, 6)).isEqualTo(mask);
    }

    @Test
    void shouldRenderWhiteOnBlackWhenConvertedToImage() {
        // Given
        BinaryMask mask = BinaryMask.filledBox(3, 2, new Box(1, 0, 2, 1));

        // When
        RgbImage image = mask.toRgbImage();

        // Then
        assertThat(BinaryMask.ofColor(image, RgbColor.WHITE)).isEqualTo(mask);
        assertThat(BinaryMask.ofColor(image, RgbColor.BLACK).count()).isEqualTo(4);
        assertThat(mask.count()).isEqualTo(2);
    }

    @Test
    void shouldNotShareItsArrayWhenBitsAreModifiedOutside() {
        // Given
        boolean[] bits = {true, false};
        BinaryMask mask = new BinaryMask(2, 1, bits);

        // When
        bits[1] = true;
        mask.bits()[0] = false;

        // Then
        assertThat(mask.count()).isEqualTo(1);
        assertThat(mask.get(0, 0)).isTrue();
    }

    @Test
    void shouldRejectBitsWhenLengthDoesNotMatchSize() {
        assertThatThrownBy(() -> new BinaryMask(2, 2, new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 4");
    }
}
