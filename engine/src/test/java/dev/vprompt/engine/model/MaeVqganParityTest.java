package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parity with the official code on the tiny reference model ({@code vprompt.fixtures}, README "Recommended
 * comparisons"). Skipped with a notice when the fixtures are absent.
 */
class MaeVqganParityTest {

    private static final int PIXELS = 3 * Canvas.SIZE * Canvas.SIZE;

    private static MaeVqgan model;
    private static List<Canvas> canvases;
    private static ForwardTrace trace;
    private static List<Inpainting> single;
    private static List<Inpainting> batched;

    /**
     * Runs the model once per canvas (the reference canvas first, with a trace) and once on the whole batch; the tests
     * share the results.
     */
    @BeforeAll
    static void runModel() {
        model = MaeVqgan.load(Fixture.stateDict(), Fixture.config(), ModelOptions.cpu());
        canvases = batchCanvases();
        trace = new ForwardTrace();
        single = new ArrayList<>();
        Canvas reference = Fixture.canvas(Fixture.npy("canvas").toFloatArray(), 0); // = batch canvas 0 (README)
        single.add(model.inpaint(List.of(reference), trace).get(0));
        single.add(model.inpaint(List.of(canvases.get(1))).get(0));
        single.add(model.inpaint(List.of(canvases.get(2))).get(0));
        batched = model.inpaint(canvases);
    }

    @AfterAll
    static void closeModel() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void shouldMatchOfficialIntermediatesWhenInpaintingTheReferenceCanvas() {
        // Given: the reference canvas run alone with a trace
        Inpainting result = single.get(0);

        // Then
        assertThat(maxAbs(trace.latent, Fixture.npy("latent_encoder").toFloatArray()))
                .isLessThan(1e-4);
        assertThat(maxAbs(trace.logits, Fixture.npy("logits").toFloatArray())).isLessThan(1e-3);
        assertThat(toLongs(result.tokens()))
                .containsExactly(Fixture.npy("tokens").toLongArray());
        assertThat(trace.zq).containsExactly(Fixture.npy("zq").toFloatArray());
        assertThat(maxAbs(trace.decoded, Fixture.npy("decoded").toFloatArray())).isLessThan(1e-2);
        assertThat(maxAbs(result.margins(), Fixture.npy("margins").toFloatArray()))
                .isLessThan(1e-3);
    }

    @Test
    void shouldMatchOfficialPasteWhenInpaintingTheReferenceCanvas() throws IOException {
        // Given: the reference canvas run alone
        Canvas canvas = canvases.get(0);
        Inpainting result = single.get(0);
        byte[] expected = png("im_paste.png");
        float[] reference = Fixture.npy("decoded").toFloatArray();

        // Then: visible pixels exact; a predicted value may differ by 1 only where the official float sat within
        // float32 noise of an integer before truncation
        byte[] actual = result.pasted().pixels();
        for (int i = 0; i < PIXELS; i++) {
            int diff = (actual[i] & 0xFF) - (expected[i] & 0xFF);
            if (!predicted(canvas, i)) {
                assertThat(diff).as("visible value %d", i).isZero();
            } else if (diff != 0) {
                assertThat(Math.abs(diff)).as("predicted value %d", i).isEqualTo(1);
                double ref = reference[i];
                assertThat(Math.abs(ref - Math.rint(ref)))
                        .as("distance to an integer of value %d", i)
                        .isLessThan(1e-2);
            }
        }
        assertThat(result.decoded().pixels()).hasSize(PIXELS);
    }

    @Test
    void shouldMatchOfficialBatchWhenInpaintingThreeCanvasesAtOnce() {
        // Given: the three canvases run in one call
        List<Inpainting> results = batched;
        long[] expectedTokens = Fixture.npy("batch_tokens").toLongArray();
        byte[] expectedPaste = Fixture.npy("batch_im_paste").toByteArray();

        // Then
        assertThat(results).hasSize(3);
        for (int s = 0; s < 3; s++) {
            long[] tokens = new long[196];
            System.arraycopy(expectedTokens, s * 196, tokens, 0, 196);
            assertThat(toLongs(results.get(s).tokens()))
                    .as("tokens of sample %d", s)
                    .containsExactly(tokens);
            int offByOne = 0;
            byte[] actual = results.get(s).pasted().pixels();
            for (int i = 0; i < PIXELS; i++) {
                int diff = (actual[i] & 0xFF) - (expectedPaste[s * PIXELS + i] & 0xFF);
                if (!predicted(canvases.get(s), i)) {
                    assertThat(diff).as("sample %d visible value %d", s, i).isZero();
                } else {
                    assertThat(Math.abs(diff))
                            .as("sample %d predicted value %d", s, i)
                            .isLessThanOrEqualTo(1);
                    offByOne += Math.abs(diff);
                }
            }
            assertThat(offByOne).as("truncation flips in sample %d", s).isLessThan(100);
        }
    }

    @Test
    void shouldGiveSameResultsWhenBatchedAsOneByOne() {
        // Given: each canvas run alone, and all three in one call

        // Then
        for (int s = 0; s < canvases.size(); s++) {
            assertThat(batched.get(s).tokens()).containsExactly(single.get(s).tokens());
            byte[] a = batched.get(s).decoded().pixels();
            byte[] b = single.get(s).decoded().pixels();
            for (int i = 0; i < PIXELS; i++) {
                assertThat(Math.abs((a[i] & 0xFF) - (b[i] & 0xFF))).isLessThanOrEqualTo(1);
            }
        }
    }

    private static List<Canvas> batchCanvases() {
        float[] all = Fixture.npy("batch_canvas").toFloatArray();
        List<Canvas> canvases = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            canvases.add(Fixture.canvas(all, s * PIXELS));
        }
        return canvases;
    }

    /** Whether byte {@code i} of an HWC canvas lies in a predicted patch. */
    private static boolean predicted(Canvas canvas, int i) {
        int pixel = i / 3;
        int y = pixel / Canvas.SIZE;
        int x = pixel % Canvas.SIZE;
        return canvas.mask().isPredicted((y / 16) * 14 + x / 16);
    }

    private static byte[] png(String name) throws IOException {
        BufferedImage img = ImageIO.read(Fixture.dir().resolve(name).toFile());
        byte[] out = new byte[PIXELS];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int at = 3 * (y * img.getWidth() + x);
                out[at] = (byte) (rgb >> 16);
                out[at + 1] = (byte) (rgb >> 8);
                out[at + 2] = (byte) rgb;
            }
        }
        return new RgbImage(img.getWidth(), img.getHeight(), out).pixels();
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    static double maxAbs(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
