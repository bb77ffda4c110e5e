package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomModelTest {

    @Test
    void shouldGiveIdenticalResultsWhenBuiltTwiceFromTheSameSeed() {
        // Given
        Canvas canvas = noiseCanvas(PatchMask.rectangle(7, 13, 7, 13));

        // When
        Inpainting a;
        Inpainting b;
        try (MaeVqgan first = TinyModels.random();
                MaeVqgan second = TinyModels.random()) {
            a = first.inpaint(List.of(canvas)).get(0);
            b = second.inpaint(List.of(canvas)).get(0);
        }

        // Then
        assertThat(a.tokens()).containsExactly(b.tokens());
        assertThat(a.decoded().pixels()).containsExactly(b.decoded().pixels());
    }

    @Test
    void shouldCountEveryExpectedTensorWhenReportingParameters() {
        // Given
        MaeVqganConfig cfg = MaeVqganConfig.tiny();
        long expected = cfg.expectedShapes().values().stream()
                .mapToLong(s -> {
                    long n = 1;
                    for (long d : s) {
                        n *= d;
                    }
                    return n;
                })
                .sum();

        // When
        try (MaeVqgan model = TinyModels.random()) {
            // Then
            assertThat(model.parameterCount()).isEqualTo(expected);
        }
    }

    @Test
    void shouldPasteCanvasOnVisiblePatchesAndDecodedOnPredictedOnesWhenInpainting() {
        // Given: a mask that is not the standard quadrant
        PatchMask mask = PatchMask.rectangle(2, 5, 3, 11);
        Canvas canvas = noiseCanvas(mask);

        // When
        Inpainting result;
        try (MaeVqgan model = TinyModels.random()) {
            result = model.inpaint(List.of(canvas)).get(0);
        }

        // Then
        assertThat(result.tokens()).hasSize(196);
        assertThat(result.margins()).hasSize(196);
        for (int p = 0; p < 196; p++) {
            assertThat(result.tokens()[p]).isBetween(0, 1023);
            assertThat(result.margins()[p]).isGreaterThanOrEqualTo(0f);
        }
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                RgbImage source = mask.isPredicted((y / 16) * 14 + x / 16) ? result.decoded() : canvas.image();
                for (int c = 0; c < 3; c++) {
                    assertThat(result.pasted().get(x, y, c)).isEqualTo(source.get(x, y, c));
                }
            }
        }
    }

    private static Canvas noiseCanvas(PatchMask mask) {
        SplittableRandom rnd = new SplittableRandom(3);
        byte[] px = new byte[3 * 224 * 224];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rnd.nextInt(256);
        }
        return new Canvas(new RgbImage(224, 224, px), mask, Layout.GRID_2X2, new Cell(113, 113, 111, 111));
    }
}
