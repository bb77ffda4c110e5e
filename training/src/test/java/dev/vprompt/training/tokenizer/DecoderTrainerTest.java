package dev.vprompt.training.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.TinyModel;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.loop.TrainingCheckpoint;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderTrainerTest {

    private static final MaeVqganConfig CFG = TinyModel.config();
    private static final int CANVASES = 2;

    @TempDir
    Path dir;

    private CanvasStore data;
    private StateDict tokenizer;
    private TokenStore tokens;

    @BeforeEach
    void trainTokenizer() throws Exception {
        data = TinyModel.canvases(dir.resolve("c.bin"), CANVASES);
        new TokenizerTrainer(
                        CFG,
                        TokenizerSettings.defaults().withSteps(1).withBatch(2, 32),
                        data,
                        dir.resolve("tok.pth"),
                        TinyModel.progress(new StringWriter()))
                .run(false);
        tokenizer = TrainingCheckpoint.read(dir.resolve("tok.pth")).model();
        TokenStore.write(dir.resolve("t.bin"), encode(tokenizer), CANVASES, CFG.vocabSize(), 1);
        tokens = TokenStore.read(dir.resolve("t.bin"));
    }

    @Test
    void shouldKeepEveryCanvasTokensWhenTheDecoderIsTuned() throws Exception {
        // When
        DecoderTrainer.Result r = trainer(settings(3), "d.pth").run(false);

        // Then: the tokens' makers are untouched, the decoder moved, and the canvases code as before
        StateDict tuned = TrainingCheckpoint.read(dir.resolve("d.pth")).model();
        assertThat(r.steps()).isEqualTo(3);
        assertThat(Double.isFinite(r.loss())).isTrue();
        assertThat(DecoderTrainer.tunedFrom(tuned, tokenizer)).isTrue();
        assertThat(tokenizer.tensors().keySet().stream()
                        .filter(DecoderTrainer::tuned)
                        .anyMatch(name -> !same(tuned.get(name), tokenizer.get(name))))
                .isTrue();
        assertThat(encode(tuned)).containsExactly(encode(tokenizer));
    }

    @Test
    void shouldLowerTheReconstructionLossWhenTunedOnTheSameCanvases() throws Exception {
        // Given: one step at the tuning's peak rate is the "before"
        DecoderSettings fast = settings(1).withLearningRate(3e-3f).withBatch(CANVASES);
        double before = trainer(fast, "a.pth").run(false).loss();

        // When
        double after = trainer(fast.withSteps(30), "b.pth").run(false).loss();

        // Then
        assertThat(after).isLessThan(before);
    }

    @Test
    void shouldEndAtTheStepCountWhenResumedHalfway() throws Exception {
        // Given
        trainer(settings(2), "d.pth").run(false);

        // When
        DecoderTrainer.Result resumed = trainer(settings(4), "d.pth").run(true);

        // Then
        assertThat(resumed.steps()).isEqualTo(4);
        assertThat(DecoderTrainer.tunedFrom(
                        TrainingCheckpoint.read(dir.resolve("d.pth")).model(), tokenizer))
                .isTrue();
    }

    @Test
    void shouldRefuseADecoderTunedFromAnotherTokenizerWhenResumingOrServing() throws Exception {
        // Given: a tuned decoder, and the tokenizer trained on (its codebook moved)
        trainer(settings(1), "d.pth").run(false);
        StateDict tuned = TrainingCheckpoint.read(dir.resolve("d.pth")).model();
        Map<String, TensorData> moved = new LinkedHashMap<>(tokenizer.tensors());
        TensorData book = moved.get(dev.vprompt.engine.model.TrainableForward.CODEBOOK);
        ByteBuffer changed =
                ByteBuffer.allocate(book.data().remaining()).put(book.data().duplicate());
        changed.put(0, (byte) (changed.get(0) ^ 1)).flip();
        moved.put(book.name(), new TensorData(book.name(), book.shape(), book.dtype(), changed));
        StateDict other = new StateDict(moved);

        // When / Then
        assertThat(DecoderTrainer.tunedFrom(tuned, other)).isFalse();
        DecoderTrainer resumed = new DecoderTrainer(
                CFG, settings(2), data, tokens, other, dir.resolve("d.pth"), TinyModel.progress(new StringWriter()));
        assertThatThrownBy(() -> resumed.run(true)).hasMessageContaining("another tokenizer");
    }

    private DecoderTrainer trainer(DecoderSettings settings, String checkpoint) {
        return new DecoderTrainer(
                CFG,
                settings,
                data,
                tokens,
                tokenizer,
                dir.resolve(checkpoint),
                TinyModel.progress(new StringWriter()));
    }

    private static DecoderSettings settings(int steps) {
        return DecoderSettings.defaults().withSteps(steps).withBatch(1).withBudget(Duration.ofMinutes(5));
    }

    private int[] encode(StateDict weights) {
        ByteBuffer px = ByteBuffer.allocate(CANVASES * data.read(0).pixels().length);
        for (int i = 0; i < CANVASES; i++) {
            data.readPixels(i, px);
        }
        px.flip();
        try (Tokenizer t = Tokenizer.of(CFG, weights)) {
            return t.encode(px, CANVASES);
        }
    }

    private static boolean same(TensorData a, TensorData b) {
        return a.data().duplicate().rewind().equals(b.data().duplicate().rewind());
    }
}
