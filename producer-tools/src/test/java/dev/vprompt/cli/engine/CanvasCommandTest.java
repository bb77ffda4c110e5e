package dev.vprompt.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.VpRun;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanvasCommandTest {

    @TempDir
    Path tmp;

    @Test
    void shouldReproduceOfficialCanvasPixelsWhenGivenFixtureImages() {
        // Given
        Path out = tmp.resolve("canvas.png");

        // When
        VpRun run = VpRun.of(
                "canvas",
                "--example-input",
                Fixtures.file("support.png").toString(),
                "--example-output",
                Fixtures.file("support_mask.png").toString(),
                "--query",
                Fixtures.file("query.png").toString(),
                "--answer",
                Fixtures.file("query_mask.png").toString(),
                "--out",
                out.toString());

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).singleElement().asString().contains("147 of 196 patches kept");
        RgbImage official = Fixtures.rgb(Fixtures.file("canvas.png"));
        assertThat(Fixtures.rgb(out).pixels()).isEqualTo(official.pixels());
    }

    @Test
    void shouldResizeCellsBilinearWhenAskedForTheDetectionCanvas() {
        // Given
        Path out = tmp.resolve("detection.png");
        RgbImage query = Fixtures.rgb(Fixtures.file("query.png"));

        // When
        VpRun run = VpRun.of(withFixturePair("canvas", "--resize", "bilinear", "--out", out.toString()));

        // Then: the query cell (bottom left) is Pillow's bilinear resize of the query, not the bicubic one
        assertThat(run.exitCode()).as(run.err()).isZero();
        RgbImage canvas = Fixtures.rgb(out);
        byte[] expected = PilResize.bilinear(query, 111, 111).pixels();
        byte[] bicubic = PilResize.bicubic(query, 111, 111).pixels();
        byte[] cell = new byte[expected.length];
        for (int y = 0; y < 111; y++) {
            System.arraycopy(canvas.pixels(), 3 * (113 + y) * 224, cell, 3 * 111 * y, 3 * 111);
        }
        assertThat(cell).isEqualTo(expected).isNotEqualTo(bicubic);
    }

    @Test
    void shouldRefuseAnUnknownResizeFilter() {
        VpRun run = VpRun.of(withFixturePair(
                "canvas", "--resize", "lanczos", "--out", tmp.resolve("x.png").toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--resize must be bicubic or bilinear");
    }

    @Test
    void shouldLeaveAnswerCellWhiteWhenNoAnswerIsGiven() {
        // Given
        Path out = tmp.resolve("canvas.png");

        // When
        VpRun run = VpRun.of(withFixturePair("canvas", "--out", out.toString()));

        // Then: the answer quadrant is background, everything else is the official canvas
        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] actual = Fixtures.rgb(out).pixels();
        byte[] official = Fixtures.rgb(Fixtures.file("canvas.png")).pixels();
        for (int i = 0; i < actual.length; i++) {
            int pixel = i / 3;
            boolean answerCell = pixel / 224 >= 113 && pixel % 224 >= 113;
            assertThat(actual[i] & 0xFF).as("value %d", i).isEqualTo(answerCell ? 255 : official[i] & 0xFF);
        }
    }

    @Test
    void shouldKeepColoursOfExampleOutputWhenMasksAreOff() {
        // Given: the same colour photo as example input and example output
        String photo = Fixtures.file("support.png").toString();
        String query = Fixtures.file("query.png").toString();
        Path colour = tmp.resolve("colour.png");
        Path gray = tmp.resolve("gray.png");

        // When
        VpRun colourRun = VpRun.of(
                "canvas",
                "--example-input",
                photo,
                "--example-output",
                photo,
                "--query",
                query,
                "--no-masks",
                "--out",
                colour.toString());
        VpRun grayRun = VpRun.of(
                "canvas",
                "--example-input",
                photo,
                "--example-output",
                photo,
                "--query",
                query,
                "--out",
                gray.toString());

        // Then: with --no-masks both top cells are identical; by default the output cell is gray (equal channels)
        assertThat(colourRun.exitCode()).as(colourRun.err()).isZero();
        assertThat(grayRun.exitCode()).as(grayRun.err()).isZero();
        RgbImage c = Fixtures.rgb(colour);
        RgbImage g = Fixtures.rgb(gray);
        boolean anyColour = false;
        for (int y = 0; y < 111; y++) {
            for (int x = 0; x < 111; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(c.get(x + 113, y, ch)).isEqualTo(c.get(x, y, ch));
                }
                assertThat(g.get(x + 113, y, 0)).isEqualTo(g.get(x + 113, y, 1)).isEqualTo(g.get(x + 113, y, 2));
                anyColour |= c.get(x + 113, y, 0) != c.get(x + 113, y, 2);
            }
        }
        assertThat(anyColour).isTrue();
    }

    @Test
    void shouldBuildThreeByTwoCanvasWhenGivenTwoPairs() {
        // Given: the same pair twice
        String photo = Fixtures.file("support.png").toString();
        String mask = Fixtures.file("support_mask.png").toString();
        Path out = tmp.resolve("canvas3x2.png");

        // When
        VpRun run = VpRun.of(
                "canvas",
                "--layout",
                "3x2",
                "--example-input",
                photo,
                "--example-output",
                mask,
                "--example-input",
                photo,
                "--example-output",
                mask,
                "--query",
                Fixtures.file("query.png").toString(),
                "--out",
                out.toString());

        // Then: both pair rows hold the same pixels (75 rows apart), the answer cell stays black
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3x2").contains("171 of 196 patches kept");
        RgbImage canvas = Fixtures.rgb(out);
        for (int y = 0; y < 74; y++) {
            for (int x = 37; x < 187; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(canvas.get(x, y + 75, ch)).isEqualTo(canvas.get(x, y, ch));
                }
            }
            for (int x = 113; x < 187; x++) {
                assertThat(canvas.get(x, y + 150, 0) | canvas.get(x, y + 150, 1) | canvas.get(x, y + 150, 2))
                        .isZero();
            }
        }
    }

    @Test
    void shouldFailWithOneLineWhenPairCountDoesNotFitLayout() {
        // Given
        String photo = Fixtures.writePng(Fixtures.randomImage(30, 20), tmp.resolve("photo.png"))
                .toString();

        // When
        VpRun run = VpRun.of(
                "canvas",
                "--layout",
                "3x2",
                "--example-input",
                photo,
                "--example-output",
                photo,
                "--query",
                photo,
                "--out",
                tmp.resolve("x.png").toString());

        // Then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("takes 2 --example-input");
    }

    @Test
    void shouldFailWithOneLineWhenAnImageIsMissing() {
        // Given
        Path missing = tmp.resolve("nope.png");

        // When
        VpRun run = VpRun.of(
                "canvas",
                "--example-input",
                missing.toString(),
                "--example-output",
                missing.toString(),
                "--query",
                missing.toString(),
                "--out",
                tmp.resolve("x.png").toString());

        // Then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("--example-input")
                .contains("no such file");
        assertThat(tmp.resolve("x.png")).doesNotExist();
    }

    /** {@code args} followed by the fixture's example pair and query. */
    private static String[] withFixturePair(String... args) {
        String[] pair = {
            "--example-input", Fixtures.file("support.png").toString(),
            "--example-output", Fixtures.file("support_mask.png").toString(),
            "--query", Fixtures.file("query.png").toString()
        };
        String[] all = java.util.Arrays.copyOf(args, args.length + pair.length);
        System.arraycopy(pair, 0, all, args.length, pair.length);
        return all;
    }
}
