package dev.vprompt.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.cli.VpRun;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.engine.checkpoint.TorchCheckpointWriter;
import dev.vprompt.engine.image.RgbImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferCommandTest {

    private static final int PIXELS = 3 * 224 * 224;

    @TempDir
    Path tmp;

    @Test
    void shouldReproduceOfficialTokensAndPasteWhenInferringFixtureCanvas() throws IOException {
        // Given
        Path out = tmp.resolve("out");

        // When
        VpRun run = VpRun.of(
                "infer",
                "--checkpoint",
                Fixtures.file("checkpoint.pth").toString(),
                "--config",
                Fixtures.file("config.json").toString(),
                "--canvas",
                Fixtures.file("canvas.png").toString(),
                "--device",
                "cpu",
                "--out-dir",
                out.toString());

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).isEmpty();
        assertThat(run.outLines()).singleElement().asString().contains("1 canvas(es), batch size 1", "device cpu");
        assertThat(tokens(out.resolve("0.tokens.json")))
                .containsExactly(Fixtures.npy("tokens").toLongArray());
        assertPasteWithinTruncationRule(
                Fixtures.rgb(out.resolve("0.png")).pixels(),
                Fixtures.rgb(Fixtures.file("im_paste.png")).pixels(),
                0,
                Fixtures.npy("decoded").toFloatArray());
    }

    @Test
    void shouldInferEveryCanvasInOneBatchWhenGivenThree() throws IOException {
        // Given: the three official batch canvases as PNGs
        byte[] all = unitFloatsToBytes(Fixtures.npy("batch_canvas").toFloatArray());
        List<String> args = new ArrayList<>(List.of(
                "infer",
                "--checkpoint",
                Fixtures.file("checkpoint.pth").toString(),
                "--config",
                Fixtures.file("config.json").toString(),
                "--out-dir",
                tmp.resolve("out").toString()));
        for (int s = 0; s < 3; s++) {
            byte[] px = java.util.Arrays.copyOfRange(all, s * PIXELS, (s + 1) * PIXELS);
            Path png = Fixtures.writePng(new RgbImage(224, 224, px), tmp.resolve("c" + s + ".png"));
            args.addAll(List.of("--canvas", png.toString()));
        }

        // When
        VpRun run = VpRun.of(args.toArray(String[]::new));

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 canvas(es), batch size 3");
        long[] expectedTokens = Fixtures.npy("batch_tokens").toLongArray();
        byte[] expectedPaste = Fixtures.npy("batch_im_paste").toByteArray();
        for (int s = 0; s < 3; s++) {
            long[] tokens = java.util.Arrays.copyOfRange(expectedTokens, s * 196, (s + 1) * 196);
            assertThat(tokens(tmp.resolve("out").resolve(s + ".tokens.json")))
                    .as("tokens of canvas %d", s)
                    .containsExactly(tokens);
            assertPasteWithinTruncationRule(
                    Fixtures.rgb(tmp.resolve("out").resolve(s + ".png")).pixels(), expectedPaste, s * PIXELS, null);
        }
    }

    @Test
    void shouldPasteIntoTheCanvasWhenRunningRandomWeights() throws IOException {
        // Given
        Path canvas = Fixtures.writePng(Fixtures.randomImage(224, 224), tmp.resolve("random.png"));
        Path out = tmp.resolve("out");

        // When
        VpRun run = VpRun.of(
                "infer",
                "--random-model",
                "--config",
                "fixture",
                "--canvas",
                canvas.toString(),
                "--out-dir",
                out.toString());

        // Then: 196 tokens in the codebook, the visible patches are the canvas itself
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("weights random");
        long[] tokens = tokens(out.resolve("0.tokens.json"));
        assertThat(tokens).hasSize(196);
        assertThat(java.util.Arrays.stream(tokens)).allMatch(t -> t >= 0 && t < 1024);
        byte[] input = Fixtures.rgb(canvas).pixels();
        byte[] pasted = Fixtures.rgb(out.resolve("0.png")).pixels();
        for (int i = 0; i < PIXELS; i++) {
            if (!Fixtures.inStandardAnswerQuadrant(i)) {
                assertThat(pasted[i]).as("visible value %d", i).isEqualTo(input[i]);
            }
        }
    }

    @Test
    void shouldFailWithOneLineWhenCanvasIsNot224Square() {
        // Given
        Path small = Fixtures.writePng(Fixtures.randomImage(100, 120), tmp.resolve("small.png"));

        // When
        VpRun run = VpRun.of(
                "infer",
                "--random-model",
                "--config",
                "fixture",
                "--canvas",
                small.toString(),
                "--out-dir",
                tmp.toString());

        // Then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("100x120", "224x224");
    }

    @Test
    void shouldFailWithOneLineWhenCanvasIsMissingOrNotAnImage() throws IOException {
        // Given
        Path text = tmp.resolve("notes.png");
        java.nio.file.Files.writeString(text, "not an image");

        // When
        VpRun missing = VpRun.of(
                "infer", "--random-model", "--canvas", tmp.resolve("nope.png").toString(), "--out-dir", tmp.toString());
        VpRun garbage = VpRun.of("infer", "--random-model", "--canvas", text.toString(), "--out-dir", tmp.toString());

        // Then
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines()).singleElement().asString().contains("nope.png", "no such file");
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.errLines()).singleElement().asString().contains("notes.png", "not a usable image");
    }

    @Test
    void shouldFailWithOneLineWhenCheckpointLacksTensors() {
        // Given: a checkpoint in the official layout holding a single tensor
        Path canvas = Fixtures.writePng(Fixtures.randomImage(224, 224), tmp.resolve("c.png"));
        Path checkpoint = tmp.resolve("partial.pth");
        ByteBuffer data = ByteBuffer.allocate(4 * 64).order(ByteOrder.LITTLE_ENDIAN);
        TensorData cls = new TensorData("cls_token", new long[] {1, 1, 64}, DType.FLOAT32, data);
        TorchCheckpointWriter.create()
                .model(new StateDict(Map.of("cls_token", cls)))
                .write(checkpoint);

        // When
        VpRun run = VpRun.of(
                "infer",
                "--checkpoint",
                checkpoint.toString(),
                "--config",
                "fixture",
                "--canvas",
                canvas.toString(),
                "--out-dir",
                tmp.resolve("out").toString());

        // Then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("partial.pth", "missing tensor");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void shouldFailWithOneLineWhenCheckpointIsNotACheckpoint() {
        // Given
        Path canvas = Fixtures.writePng(Fixtures.randomImage(224, 224), tmp.resolve("c.png"));

        // When
        VpRun run = VpRun.of(
                "infer",
                "--checkpoint",
                canvas.toString(),
                "--config",
                "fixture",
                "--canvas",
                canvas.toString(),
                "--out-dir",
                tmp.toString());

        // Then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("c.png", "unrecognised checkpoint format");
    }

    @Test
    void shouldRejectBadFlagsWithOneLine() {
        // When
        VpRun both =
                VpRun.of("infer", "--random-model", "--checkpoint", "x.pth", "--canvas", "c.png", "--out-dir", "o");
        VpRun precision =
                VpRun.of("infer", "--random-model", "--precision", "FP64", "--canvas", "c.png", "--out-dir", "o");
        VpRun unknown = VpRun.of("infer", "--random-model", "--canvas", "c.png", "--out-dir", "o", "--bogus");

        // Then
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines()).singleElement().asString().contains("either --checkpoint or --random-model");
        assertThat(precision.exitCode()).isEqualTo(2);
        assertThat(precision.errLines()).singleElement().asString().contains("--precision", "fp32");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString().contains("Unknown option: '--bogus'");
    }

    /**
     * The README's rule: visible values exact; a predicted value may differ by one only where the official float sat
     * within 1e-3 of an integer before truncation ({@code decoded}, when given).
     */
    private static void assertPasteWithinTruncationRule(byte[] actual, byte[] expected, int offset, float[] decoded) {
        int flips = 0;
        for (int i = 0; i < PIXELS; i++) {
            int diff = (actual[i] & 0xFF) - (expected[offset + i] & 0xFF);
            if (!Fixtures.inStandardAnswerQuadrant(i)) {
                assertThat(diff).as("visible value %d", i).isZero();
            } else if (diff != 0) {
                assertThat(Math.abs(diff)).as("predicted value %d", i).isEqualTo(1);
                if (decoded != null) {
                    assertThat(Math.abs(decoded[i] - Math.rint(decoded[i])))
                            .as("distance of official value %d to an integer", i)
                            .isLessThan(1e-3);
                }
                flips++;
            }
        }
        assertThat(flips).as("truncation flips").isLessThan(100);
    }

    private static long[] tokens(Path json) throws IOException {
        return new ObjectMapper().readValue(json.toFile(), long[].class);
    }

    private static byte[] unitFloatsToBytes(float[] v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) Math.round(v[i] * 255f);
        }
        return out;
    }
}
