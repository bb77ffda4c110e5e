package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageLimitsTest {

    @Test
    void shouldUseNamedDefaultsWhenDefaultsRequested() {
        // When
        ImageLimits limits = ImageLimits.defaults();

        // Then
        assertThat(limits.maxEncodedBytes()).isEqualTo(32 * 1024 * 1024);
        assertThat(limits.maxPixels()).isEqualTo(40_000_000L);
        assertThat(limits.maxSide()).isEqualTo(65_535);
        assertThat(new ImageLimits(10, 20).maxSide()).isEqualTo(ImageLimits.DEFAULT_MAX_SIDE);
    }

    @Test
    void shouldRejectNonPositiveOrUnrepresentableLimits() {
        assertThatThrownBy(() -> new ImageLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(10, ImageLimits.HARD_MAX_PIXELS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPixels");
        assertThatThrownBy(() -> new ImageLimits(10, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSide");
    }
}
