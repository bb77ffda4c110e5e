package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RgbImageTest {

    /** A 4x3 image whose pixel (x, y) holds (x, y, 10 * y + x). */
    private static RgbImage numbered() {
        byte[] px = new byte[3 * 4 * 3];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                int i = 3 * (y * 4 + x);
                px[i] = (byte) x;
                px[i + 1] = (byte) y;
                px[i + 2] = (byte) (10 * y + x);
            }
        }
        return new RgbImage(4, 3, px);
    }

    @Test
    void shouldCopyTheRegionsPixelsRowByRowWhenCropping() {
        // Given
        RgbImage image = numbered();

        // When
        RgbImage crop = image.crop(1, 1, 2, 2);

        // Then
        assertThat(crop.width()).isEqualTo(2);
        assertThat(crop.height()).isEqualTo(2);
        assertThat(crop.pixels()).containsExactly(1, 1, 11, 2, 1, 12, 1, 2, 21, 2, 2, 22);
    }

    @Test
    void shouldRefuseARegionThatLeavesTheImageWhenCropping() {
        // Given
        RgbImage image = numbered();

        // When / Then
        assertThatThrownBy(() -> image.crop(3, 0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not inside a 4x3 image");
        assertThatThrownBy(() -> image.crop(0, -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
