package dev.vprompt.training.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.RgbImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProceduralScenesTest {

    @Test
    void shouldAgreeBetweenMaskClassMapAndBoxWhenRendering() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int cls = 0; cls < ProceduralScenes.CLASS_COUNT; cls++) {
            // When
            Scene s = ProceduralScenes.render(120, 90, cls, cls % 2 == 0, rnd);
            // Then
            RgbImage mask = s.mask();
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
            for (int y = 0; y < 90; y++) {
                for (int x = 0; x < 120; x++) {
                    boolean white = mask.get(x, y, 0) == 255;
                    int idx = s.classIndex()[y * 120 + x] & 0xFF;
                    assertThat(white).as("class %d at %d,%d", cls, x, y).isEqualTo(idx == cls + 1);
                    if (white) {
                        minX = Math.min(minX, x);
                        minY = Math.min(minY, y);
                        maxX = Math.max(maxX, x);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            assertThat(s.box().x()).isEqualTo(minX);
            assertThat(s.box().y()).isEqualTo(minY);
            assertThat(s.box().x() + s.box().width() - 1).isEqualTo(maxX);
            assertThat(s.box().y() + s.box().height() - 1).isEqualTo(maxY);
        }
    }

    @Test
    void shouldSurroundTheObjectWithVoidWhenWritingTheClassMap() {
        Scene s = ProceduralScenes.render(100, 100, 3, false, new SplittableRandom(1));
        int voids = 0;
        for (byte b : s.classIndex()) {
            voids += (b & 0xFF) == ProceduralScenes.VOID ? 1 : 0;
        }
        assertThat(voids).isPositive();
    }

    @Test
    void shouldFillTheBoxWhenMakingTheDetectionLabel() {
        Scene s = ProceduralScenes.render(100, 80, 7, true, new SplittableRandom(2));
        RgbImage box = s.boxMask();
        long white = 0;
        for (int i = 0; i < box.pixels().length; i += 3) {
            white += (box.pixels()[i] & 0xFF) == 255 ? 1 : 0;
        }
        assertThat(white).isEqualTo(s.box().area());
    }

    @Test
    void shouldRejectUnknownClass() {
        assertThatThrownBy(() -> ProceduralScenes.render(10, 10, 20, false, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
