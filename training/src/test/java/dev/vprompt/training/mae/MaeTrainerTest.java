package dev.vprompt.training.mae;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.checkpoint.Checkpoints;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.model.Inpainting;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelOptions;
import dev.vprompt.training.ModelExport;
import dev.vprompt.training.TinyModel;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.loop.TrainingCheckpoint;
import dev.vprompt.training.tokenizer.TokenizerSettings;
import dev.vprompt.training.tokenizer.TokenizerTrainer;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaeTrainerTest {

    private static final MaeVqganConfig CFG = TinyModel.config();

    @TempDir
    Path dir;

    @Test
    void shouldExportAModelTheServingLoaderRunsWhenTrainingEnds() throws Exception {
        // Given: canvases, a tokenizer after one step and random tokens
        try (CanvasStore data = TinyModel.canvases(dir.resolve("c.bin"), 4)) {
            StringWriter log = new StringWriter();
            new TokenizerTrainer(
                            CFG,
                            TokenizerSettings.defaults().withSteps(1).withBatch(2, 32),
                            data,
                            dir.resolve("tok.pth"),
                            TinyModel.progress(log))
                    .run(false);
            int[] tokens = new int[4 * 196];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = i % CFG.vocabSize();
            }
            TokenStore.write(dir.resolve("t.bin"), tokens, 4, CFG.vocabSize(), 1);
            MaeSettings settings =
                    MaeSettings.defaults().withSteps(2).withBatch(2).withBudget(Duration.ofMinutes(5));

            // When
            MaeTrainer.Result r = new MaeTrainer(
                            CFG,
                            settings,
                            data,
                            TokenStore.read(dir.resolve("t.bin")),
                            dir.resolve("mae.pth"),
                            TinyModel.progress(log))
                    .run(false);
            Path pth = ModelExport.write(
                    dir.resolve("model"),
                    CFG,
                    TrainingCheckpoint.read(dir.resolve("mae.pth")).model(),
                    TrainingCheckpoint.read(dir.resolve("tok.pth")).model(),
                    DType.FLOAT16,
                    Map.of("note", "test"));

            // Then: the official-layout file loads with the serving loader and inpaints
            assertThat(r.steps()).isEqualTo(2);
            assertThat(Double.isFinite(r.loss())).isTrue();
            MaeVqganConfig back = MaeVqganConfig.fromJson(dir.resolve("model").resolve(ModelExport.CONFIG));
            assertThat(back).isEqualTo(CFG);
            var sd = Checkpoints.load(pth);
            assertThat(sd.tensors().keySet())
                    .contains("vae.encoder.conv_in.weight", "vae.quant_conv.weight", "decoder_pred.weight");
            assertThat(sd.get("decoder_pred.weight").dtype()).isEqualTo(DType.FLOAT16);
            try (MaeVqgan model = MaeVqgan.load(sd, back, ModelOptions.cpu())) {
                Canvas c = new Canvas(
                        new RgbImage(224, 224, data.read(0).pixels()),
                        new PatchMask(data.read(0).mask()),
                        Layout.GRID_2X2,
                        new dev.vprompt.engine.canvas.Cell(113, 113, 111, 111));
                Inpainting out = model.inpaint(List.of(c)).get(0);
                assertThat(out.tokens()).hasSize(196);
            }
            assertThat(Files.size(pth)).isGreaterThan(0);
        }
    }

    @Test
    void shouldHideTheAnswerOrAsManyRandomPatchesWhenSamplingMasks() {
        // Given
        boolean[] answer = PatchMask.rectangle(9, 13, 7, 11).predicted();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        int answers = 0;

        // When / Then
        for (int i = 0; i < 200; i++) {
            boolean[] hidden = MaskSampler.sample(answer, 0.5, rnd);
            assertThat(new PatchMask(hidden).keptCount()).isEqualTo(171);
            answers += java.util.Arrays.equals(hidden, answer) ? 1 : 0;
        }
        assertThat(answers).isBetween(70, 130);
        long[] ids = new long[196];
        MaskSampler.idsShuffle(answer, ids, 0);
        int[] expected = new PatchMask(answer).idsShuffle();
        for (int i = 0; i < 196; i++) {
            assertThat(ids[i]).isEqualTo(expected[i]);
        }
    }
}
