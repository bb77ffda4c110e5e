package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vprompt.engine.post.RgbColor;
import dev.vprompt.engine.score.SyntheticTask;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenizerCeilingTest {

    @ParameterizedTest
    @EnumSource(SyntheticTask.class)
    void shouldScoreAPerfectAnswerWhenTheCodeReproducesTheTrueCanvas(SyntheticTask task) {
        // Given: a code that gives every canvas back unchanged
        TokenizerCeiling.Reconstruction lossless = (canvases, n) -> {
            byte[] copy = new byte[canvases.remaining()];
            canvases.get(copy);
            return copy;
        };

        // When
        Map<String, Double> s = TokenizerCeiling.score(lossless, task, 10, 0);

        // Then
        assertThat(s.get("iou")).isCloseTo(1.0, within(1e-9));
        assertThat(s.get("color_blind_iou")).isCloseTo(1.0, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(SyntheticTask.class)
    void shouldScoreNearZeroWhenTheCodeLosesTheAnswer(SyntheticTask task) {
        // Given: a code that turns every canvas black
        TokenizerCeiling.Reconstruction blank = (canvases, n) -> {
            byte[] black = new byte[canvases.remaining()];
            Arrays.fill(black, (byte) 0);
            return black;
        };

        // When
        Map<String, Double> s = TokenizerCeiling.score(blank, task, 10, 0);

        // Then
        assertThat(s.get("iou")).isLessThan(0.05);
    }

    @ParameterizedTest
    @EnumSource(SyntheticTask.class)
    void shouldCodeTheEvaluatedEpisodesWhenScoring(SyntheticTask task) {
        // Given: a lossless code that records the first canvas it sees
        ByteBuffer[] seen = new ByteBuffer[1];
        TokenizerCeiling.Reconstruction recording = (canvases, n) -> {
            byte[] copy = new byte[canvases.remaining()];
            canvases.get(copy);
            if (seen[0] == null) {
                seen[0] = ByteBuffer.wrap(copy, 0, copy.length / n);
            }
            return copy;
        };

        // When
        TokenizerCeiling.score(recording, task, 1, 0);

        // Then: the canvas is the evaluation's truth canvas of episode 0
        SyntheticEval.Episode e = SyntheticEval.sample(task, 1, 0).get(0);
        byte[] truth = new dev.vprompt.engine.canvas.CanvasBuilder()
                .grid3x2(e.supports(), e.query(), e.truth())
                .image()
                .pixels();
        byte[] first = new byte[truth.length];
        seen[0].get(first);
        assertThat(first).isEqualTo(truth);
    }

    @Test
    void shouldReturnEachPaletteColourWhenTheCodeIsLossless() {
        // Given: a code that gives every canvas back unchanged
        TokenizerCeiling.Reconstruction lossless = (canvases, n) -> {
            byte[] copy = new byte[canvases.remaining()];
            canvases.get(copy);
            return copy;
        };

        // When
        Map<RgbColor, RgbColor> probe = TokenizerCeiling.paletteProbe(lossless);

        // Then: six colours, each decoded as itself
        assertThat(probe).hasSize(6);
        probe.forEach((colour, decoded) -> assertThat(decoded).isEqualTo(colour));
    }

    @Test
    void shouldShowMergedColoursWhenTheCodeIsColourBlind() {
        // Given: a code that keeps each pixel's brightness only (grey of the channels' mean)
        TokenizerCeiling.Reconstruction grey = (canvases, n) -> {
            byte[] px = new byte[canvases.remaining()];
            canvases.get(px);
            for (int p = 0; p < px.length; p += 3) {
                byte mean = (byte) (((px[p] & 0xFF) + (px[p + 1] & 0xFF) + (px[p + 2] & 0xFF)) / 3);
                px[p] = mean;
                px[p + 1] = mean;
                px[p + 2] = mean;
            }
            return px;
        };

        // When
        Map<RgbColor, RgbColor> probe = TokenizerCeiling.paletteProbe(grey);

        // Then: red, green and blue come back as one grey
        assertThat(probe.get(RgbColor.RED)).isEqualTo(new RgbColor(85, 85, 85));
        assertThat(probe.get(RgbColor.GREEN)).isEqualTo(probe.get(RgbColor.RED));
        assertThat(probe.get(RgbColor.BLUE)).isEqualTo(probe.get(RgbColor.RED));
    }
}
