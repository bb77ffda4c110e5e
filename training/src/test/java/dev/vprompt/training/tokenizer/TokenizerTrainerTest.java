package dev.vprompt.training.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.TinyModel;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.loop.TrainingCheckpoint;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTrainerTest {

    private static final MaeVqganConfig CFG = TinyModel.config();

    @TempDir
    Path dir;

    @Test
    void shouldEndWhereAStraightRunEndsWhenResumedHalfway() throws Exception {
        // Given
        try (CanvasStore data = TinyModel.canvases(dir.resolve("c.bin"), 4)) {
            TokenizerSettings four = settings(4);
            StringWriter log = new StringWriter();

            // When: 4 steps straight; 2 steps, then resumed to 4
            TokenizerTrainer.Result straight =
                    new TokenizerTrainer(CFG, four, data, dir.resolve("a.pth"), TinyModel.progress(log)).run(false);
            new TokenizerTrainer(CFG, settings(2), data, dir.resolve("b.pth"), TinyModel.progress(log)).run(false);
            TokenizerTrainer.Result resumed =
                    new TokenizerTrainer(CFG, four, data, dir.resolve("b.pth"), TinyModel.progress(log)).run(true);

            // Then
            assertThat(straight.steps()).isEqualTo(4);
            assertThat(resumed.steps()).isEqualTo(4);
            assertThat(Double.isFinite(straight.l1())).isTrue();
            assertThat(log.toString()).contains("step 4/4").contains("samples/s");
            // up to reduction order: Adam turns a near-zero gradient's rounding into a step of up to the learning rate
            // (1e-5 per warm-up step here), so allow a few of those
            StateDict a = TrainingCheckpoint.read(dir.resolve("a.pth")).model();
            StateDict b = TrainingCheckpoint.read(dir.resolve("b.pth")).model();
            for (String name : a.tensors().keySet()) {
                float[] x = floats(a.get(name).data());
                float[] y = floats(b.get(name).data());
                for (int i = 0; i < x.length; i++) {
                    assertThat(y[i]).as(name).isCloseTo(x[i], within(2e-4f));
                }
            }
        }
    }

    @Test
    void shouldReconstructCanvasesThroughItsCodesWhenScored() throws Exception {
        // Given: a tokenizer after one step
        try (CanvasStore data = TinyModel.canvases(dir.resolve("c.bin"), 2)) {
            new TokenizerTrainer(CFG, settings(1), data, dir.resolve("t.pth"), TinyModel.progress(new StringWriter()))
                    .run(false);

            // When
            ReconstructionScore score;
            int[] tokens;
            try (Tokenizer t = Tokenizer.of(
                    CFG, TrainingCheckpoint.read(dir.resolve("t.pth")).model())) {
                score = ReconstructionScore.of(t, data, 0, 2, 2);
                ByteBuffer px = ByteBuffer.allocate(data.read(0).pixels().length);
                data.readPixels(0, px);
                px.flip();
                tokens = t.encode(px, 1);
            }

            // Then
            assertThat(tokens).hasSize(196);
            assertThat(java.util.Arrays.stream(tokens).allMatch(k -> k >= 0 && k < CFG.vocabSize()))
                    .isTrue();
            assertThat(score.meanError()).isBetween(0.0, 255.0);
            assertThat(score.answerClose()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void shouldRefuseFlatCropsWhenChoosingTrainingCrops() {
        // Given
        byte[] flat = new byte[3 * 16 * 16];
        java.util.Arrays.fill(flat, (byte) 200);
        byte[] edge = flat.clone();
        edge[0] = 0;

        // When / Then
        assertThat(TokenizerTrainer.flat(flat)).isTrue();
        assertThat(TokenizerTrainer.flat(edge)).isFalse();
    }

    @Test
    void shouldPlaceAnswerCropsOverTheAnswerPatchesWhenChoosingThem() {
        // Given: the 3x2 answer cell (patch rows 9-13, columns 7-11) and the top-left 2x2 quadrant
        boolean[] grid3x2 =
                dev.vprompt.engine.canvas.PatchMask.rectangle(9, 13, 7, 11).predicted();
        boolean[] topLeft =
                dev.vprompt.engine.canvas.PatchMask.rectangle(0, 6, 0, 6).predicted();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);

        // When / Then: a 4-patch crop always overlaps the answer and stays on the canvas
        for (int i = 0; i < 200; i++) {
            int[] a = TokenizerTrainer.answerCorner(grid3x2, 4, rnd);
            assertThat(a[0] / 16).isBetween(4, 10);
            assertThat(a[1] / 16).isBetween(6, 10);
            int[] b = TokenizerTrainer.answerCorner(topLeft, 4, rnd);
            assertThat(b[0] / 16).isBetween(0, 6);
            assertThat(b[1] / 16).isBetween(0, 6);
            assertThat(a[0] % 16).isZero();
        }
    }

    private static TokenizerSettings settings(int steps) {
        return TokenizerSettings.defaults().withSteps(steps).withBatch(2, 32).withBudget(Duration.ofMinutes(10));
    }

    private static float[] floats(ByteBuffer data) {
        FloatBuffer f = data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[f.remaining()];
        f.get(out);
        return out;
    }
}
