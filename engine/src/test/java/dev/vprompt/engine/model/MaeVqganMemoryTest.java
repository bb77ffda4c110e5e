package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leak check: every array a call creates must be gone when it returns. A leak shows on every call, so the default run
 * makes {@value #DEFAULT_CALLS} calls of 1 and 3 canvases with a VQGAN chunk of 2 (each image decodes at 224x224,
 * ~1 CPU-second on the tiny model); set
 * {@code -Dvprompt.model.soakCalls=300} for a long soak.
 */
class MaeVqganMemoryTest {

    private static final int DEFAULT_CALLS = 6;
    private static final int CALLS = Integer.getInteger("vprompt.model.soakCalls", DEFAULT_CALLS);

    @Test
    void shouldHoldNoMoreArraysWhenInpaintingManyTimes() {
        // Given: a warm model (its lazily built norm constants exist after the first call)
        try (MaeVqgan model =
                MaeVqgan.random(MaeVqganConfig.tiny(), 5, ModelOptions.cpu().withDecodeChunk(2))) {
            List<Canvas> one = List.of(canvas(0));
            List<Canvas> three = List.of(canvas(1), canvas(2), canvas(3));
            model.inpaint(one);
            int baseline = model.liveArrayCount();

            // When
            for (int i = 0; i < CALLS; i++) {
                model.inpaint(i % 2 == 0 ? one : three);
            }

            // Then
            assertThat(model.liveArrayCount()).isEqualTo(baseline);
        }
    }

    private static Canvas canvas(int seed) {
        RgbImage image = RgbImage.filled(224, 224, 30 * seed, 200, 255 - 40 * seed);
        return new Canvas(image, PatchMask.rectangle(7, 13, 7, 13), Layout.GRID_2X2, new Cell(113, 113, 111, 111));
    }
}
