package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.image.RgbImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retrieval embeddings: the mean of the encoder's visible tokens, unit length, batch-independent. */
class MaeVqganEmbedTest {

    private static MaeVqgan model;
    private static final CanvasBuilder BUILDER = new CanvasBuilder();

    @BeforeAll
    static void load() {
        model = TinyModels.random();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static RgbImage noise(long seed, int w, int h) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[3 * w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        return new RgbImage(w, h, px);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void shouldGiveUnitLengthEmbedDimVectorsWhenEmbeddingImages() {
        // Given
        Canvas c = BUILDER.embedding(noise(1, 80, 60));

        // When
        float[] e = model.embed(List.of(c)).get(0);

        // Then
        assertThat(c.layout()).isEqualTo(Layout.EMBEDDING);
        assertThat(c.mask().keptCount()).isEqualTo(CanvasBuilder.EMBEDDING_KEPT).isEqualTo(49);
        assertThat(e).hasSize(model.config().embedDim());
        assertThat(dot(e, e)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void shouldEmbedEachImageAsAloneWhenEmbeddingABatch() {
        // Given
        List<Canvas> canvases = List.of(
                BUILDER.embedding(noise(1, 80, 60)),
                BUILDER.embedding(noise(2, 50, 90)),
                BUILDER.embedding(noise(1, 80, 60)));

        // When
        List<float[]> batch = model.embed(canvases);
        float[] alone = model.embed(List.of(canvases.get(1))).get(0);

        // Then: the same picture gives the same vector; different pictures differ
        assertThat(batch).hasSize(3);
        for (int i = 0; i < alone.length; i++) {
            assertThat(batch.get(1)[i]).isCloseTo(alone[i], within(1e-5f));
        }
        assertThat(batch.get(0)).containsExactly(batch.get(2));
        assertThat(dot(batch.get(0), batch.get(1))).isLessThan(0.9999);
    }

    @Test
    void shouldIgnoreEveryHiddenPixelWhenEmbedding() {
        // Given: the same image, once with noise painted over every patch outside the top-left quadrant
        Canvas clean = BUILDER.embedding(noise(3, 111, 111));
        byte[] px = clean.image().pixels().clone();
        SplittableRandom r = new SplittableRandom(9);
        for (int y = 0; y < Canvas.SIZE; y++) {
            for (int x = 0; x < Canvas.SIZE; x++) {
                if (x >= 112 || y >= 112) {
                    for (int c = 0; c < 3; c++) {
                        px[3 * (y * Canvas.SIZE + x) + c] = (byte) r.nextInt(256);
                    }
                }
            }
        }
        Canvas painted = new Canvas(
                new RgbImage(Canvas.SIZE, Canvas.SIZE, px), clean.mask(), clean.layout(), clean.answerCell());

        // When
        List<float[]> e = model.embed(List.of(clean, painted));

        // Then
        assertThat(e.get(0)).containsExactly(e.get(1));
    }

    @Test
    void shouldEqualTheMeanOfTheOfficialEncoderTokensWhenEmbeddingTheReferenceCanvas() {
        // Given: the official encoder output of the fixture's reference canvas (cls first, then 147 visible tokens)
        MaeVqganConfig cfg = Fixture.config();
        float[] latent = Fixture.npy("latent_encoder").toFloatArray();
        int dim = cfg.embedDim();
        int tokens = latent.length / dim;
        double[] mean = new double[dim];
        for (int t = 1; t < tokens; t++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += latent[t * dim + d] / (tokens - 1);
            }
        }
        double norm = Math.sqrt(java.util.Arrays.stream(mean).map(v -> v * v).sum());

        // When
        float[] e;
        try (MaeVqgan official = MaeVqgan.load(Fixture.stateDict(), cfg, ModelOptions.cpu())) {
            e = official.embed(List.of(Fixture.canvas(Fixture.npy("canvas").toFloatArray(), 0)))
                    .get(0);
        }

        // Then
        for (int d = 0; d < dim; d++) {
            assertThat((double) e[d]).as("dim %d", d).isCloseTo(mean[d] / norm, within(1e-4));
        }
    }
}
