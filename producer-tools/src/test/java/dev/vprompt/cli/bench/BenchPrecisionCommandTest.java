package dev.vprompt.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.VpRun;
import dev.vprompt.cli.engine.LayoutChoice;
import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.model.Inpainting;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPrecisionCommandTest {

    @Test
    void shouldCountTokensAndPredictedPixelsOnlyWhenComparingTwoRuns() {
        // Given: two answers that differ in one token, one pixel of the answer cell and one pixel of an example cell
        Canvas canvas = LayoutChoice.GRID_2X2.canvas(RgbImage.filled(224, 224, 10, 20, 30), Arrangement.STANDARD);
        int[] tokens = new int[196];
        byte[] pixels = canvas.image().pixels().clone();
        Inpainting reference = new Inpainting(tokens, canvas.image(), new RgbImage(224, 224, pixels), new float[196]);
        int[] otherTokens = tokens.clone();
        otherTokens[195] = 7;
        byte[] otherPixels = pixels.clone();
        otherPixels[3 * (200 * 224 + 200)] += 9; // answer cell (bottom right): predicted
        otherPixels[3 * (10 * 224 + 10)] += 50; // first example cell: visible, not counted
        Inpainting other =
                new Inpainting(otherTokens, canvas.image(), new RgbImage(224, 224, otherPixels), new float[196]);

        // When
        BenchPrecisionCommand.Agreement same =
                BenchPrecisionCommand.Agreement.of(List.of(reference), List.of(reference), List.of(canvas));
        BenchPrecisionCommand.Agreement differ =
                BenchPrecisionCommand.Agreement.of(List.of(reference), List.of(other), List.of(canvas));

        // Then
        assertThat(same.tokenAgreement()).isEqualTo(1.0);
        assertThat(same.identicalCanvases()).isEqualTo(1);
        assertThat(same.maxAbs()).isZero();
        assertThat(differ.equalTokens()).isEqualTo(195);
        assertThat(differ.identicalCanvases()).isZero();
        assertThat(differ.maxAbs()).isEqualTo(9);
        assertThat(differ.meanAbs()).isCloseTo(9.0 / (49 * 256 * 3), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(differ.maxAbsSameTokens()).isZero(); // its one canvas has a different token
    }

    @Test
    void shouldReportBfloat16AsNotRunWhenItIsAskedFor() {
        // When: the tiny random model on two demo canvases; BF16 cannot be built with DJL's PyTorch engine
        VpRun run = VpRun.of(
                "bench", "precision", "--config", "fixture", "--demo", "2", "--precision", "BF16", "--device", "cpu");

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.outLines().get(0))
                .contains("2 canvases (0 files, 2 demo)")
                .contains("device cpu");
        assertThat(run.outLines().get(1)).startsWith("  BF16: not run, precision BF16 is not available");
    }
}
